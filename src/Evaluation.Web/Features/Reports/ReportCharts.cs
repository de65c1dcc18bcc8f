using System.Globalization;
using Evaluation.Web.Features.Exports;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using PdfSharp.Drawing;

namespace Evaluation.Web.Features.Reports;

/// <summary>One first-level category as a chart shows it: the enterprise's points, the maximum, the peers' mean.</summary>
internal sealed record CategoryFigure(string Name, decimal Points, decimal Max, decimal? Average);

/// <summary>
/// The charts drawn on the server with OxyPlot: the category radar and the category bars of the evaluation report
/// (the same models go into the PDF through <see cref="XGraphicsRenderContext"/> and out as SVG through OxyPlot's
/// <see cref="SvgExporter"/>), and the centre dashboard's charts as SVG downloads. Interactive pages keep ECharts.
/// </summary>
internal static class ReportCharts
{
    /// <summary>The enterprise's own series; the tests find its points by this colour.</summary>
    public static readonly OxyColor Ours = OxyColor.FromRgb(0x1f, 0x5f, 0xbf);
    public static readonly OxyColor Peers = OxyColor.FromRgb(0xe0, 0x8a, 0x1e);
    private static readonly OxyColor Grid = OxyColor.FromRgb(0xcc, 0xd3, 0xdc);
    private static readonly OxyColor Ink = OxyColor.FromRgb(0x22, 0x2b, 0x36);

    /// <summary>
    /// Share of each category's maximum (%), the enterprise against the industry average: a closed outline per series
    /// and one marker per category.
    /// </summary>
    public static PlotModel Radar(IReadOnlyList<CategoryFigure> categories, bool english)
    {
        var model = Model(english ? "Category radar (% of maximum)" : "一级指标得分率雷达图（%）");
        model.PlotType = PlotType.Polar;
        model.PlotAreaBorderThickness = new OxyThickness(0);
        var n = categories.Count;
        model.Axes.Add(new AngleAxis
        {
            Minimum = 0, Maximum = n, MajorStep = 1, MinorStep = 1, StartAngle = 90, EndAngle = 90 - 360,
            MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = Grid, MinorGridlineStyle = LineStyle.None,
            // OxyPlot turns angle-axis labels along the circle; the names are annotations instead, level and outside it.
            LabelFormatter = _ => "", TextColor = Ink, IsPanEnabled = false, IsZoomEnabled = false,
        });
        model.Axes.Add(new MagnitudeAxis
        {
            Minimum = 0, Maximum = 100, MajorStep = 20, MinorStep = 20, MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = Grid,
            MinorGridlineStyle = LineStyle.None, TextColor = Ink, FontSize = 7, IsPanEnabled = false, IsZoomEnabled = false,
        });
        model.PlotMargins = new OxyThickness(72, 18, 72, 18);
        RadarNames.AddOrUpdate(model, [.. categories.Select(c => c.Name)]);
        if (categories.All(c => c.Average is not null))
            AddOutline(model, categories.Select(c => Share(c.Average!.Value, c.Max)).ToList(), Peers, english ? "industry average" : "行业平均");
        AddOutline(model, categories.Select(c => Share(c.Points, c.Max)).ToList(), Ours, english ? "this enterprise" : "本企业");
        return model;
    }

    private static void AddOutline(PlotModel model, List<double> shares, OxyColor colour, string title)
    {
        // Polar data points are (magnitude, angle); the outline repeats its first point to close, the markers do not.
        var outline = new LineSeries { Color = colour, StrokeThickness = 1.5, RenderInLegend = false };
        outline.Points.AddRange(shares.Select((s, i) => new DataPoint(s, i)));
        outline.Points.Add(new DataPoint(shares[0], shares.Count));
        model.Series.Add(outline);
        var markers = new ScatterSeries { Title = title, MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = colour };
        markers.Points.AddRange(shares.Select((s, i) => new ScatterPoint(s, i)));
        model.Series.Add(markers);
    }

    /// <summary>Points per category, the enterprise beside the industry average, with the maximum on the axis labels.</summary>
    public static PlotModel Bars(IReadOnlyList<CategoryFigure> categories, bool english)
    {
        var model = Model(english ? "Points by category against the industry average" : "一级指标得分与行业平均");
        var axis = new CategoryAxis { Position = AxisPosition.Left, Key = "c", TextColor = Ink, FontSize = 9, GapWidth = 0.4, StartPosition = 1, EndPosition = 0 };
        axis.Labels.AddRange(categories.Select(c => english ? $"{c.Name} ({c.Max.ToString("0", CultureInfo.InvariantCulture)})"
            : $"{c.Name}（{c.Max.ToString("0", CultureInfo.InvariantCulture)}）"));
        model.Axes.Add(axis);
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Minimum = 0, MaximumPadding = 0.08, Title = english ? "points" : "分",
            MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = Grid, TextColor = Ink, FontSize = 8, IsPanEnabled = false, IsZoomEnabled = false,
        });
        var ours = new BarSeries
        {
            Title = english ? "this enterprise" : "本企业", FillColor = Ours, YAxisKey = "c", LabelFormatString = "{0:0.00}", FontSize = 7,
            LabelPlacement = LabelPlacement.Outside, TextColor = Ink,
        };
        ours.Items.AddRange(categories.Select(c => new BarItem((double)c.Points)));
        model.Series.Add(ours);
        if (categories.All(c => c.Average is not null))
        {
            var peers = new BarSeries { Title = english ? "industry average" : "行业平均", FillColor = Peers, YAxisKey = "c" };
            peers.Items.AddRange(categories.Select(c => new BarItem((double)c.Average!.Value)));
            model.Series.Add(peers);
        }
        return model;
    }

    /// <summary>The dashboard chart named (district, industry, histogram, categories, yoy) drawn from the table behind it.</summary>
    public static PlotModel? Dashboard(string name, ExportTable table, string title)
    {
        var (columns, stacked) = name switch
        {
            "district" or "industry" => (Enumerable.Range(1, table.Headers.Count - 2).ToArray(), true),
            "histogram" => ([1], false),
            "categories" => ([1, 2], false),
            "yoy" => ([1, 2], false),
            _ => ((int[]?)null, false),
        };
        if (columns is null) return null;
        // The year-on-year table ends with the average total, a figure of another scale than the grade counts.
        var rows = name == "yoy" ? table.Rows.Take(table.Rows.Count - 1).ToList() : table.Rows.ToList();
        var model = Model(title);
        // OxyPlot 2.2 draws bars across only (its BarSeries needs the categories on the vertical axis), first row on top.
        var axis = new CategoryAxis { Position = AxisPosition.Left, Key = "c", TextColor = Ink, FontSize = 8, StartPosition = 1, EndPosition = 0 };
        axis.Labels.AddRange(rows.Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture) ?? ""));
        model.Axes.Add(axis);
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Minimum = 0, MaximumPadding = 0.06, MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = Grid,
            TextColor = Ink, FontSize = 8, IsPanEnabled = false, IsZoomEnabled = false,
        });
        foreach (var column in columns)
        {
            var header = table.Headers[column];
            var series = new BarSeries { Title = header, IsStacked = stacked, YAxisKey = "c", FillColor = Colour(name, header, column) };
            series.Items.AddRange(rows.Select(r => new BarItem(Convert.ToDouble(r[column] ?? 0, CultureInfo.InvariantCulture))));
            model.Series.Add(series);
        }
        return model;
    }

    private static OxyColor Colour(string chart, string header, int column) => chart is "district" or "industry"
        ? OxyColor.Parse(Catalogue.Impact.ColourOf(header))
        : column == 1 ? Ours : chart == "categories" ? Grid : Peers;

    /// <summary>A model as an SVG document (as OxyPlot's SvgExporter writes it), its text measured in the report's font.</summary>
    public static string Svg(PlotModel model, double width, double height)
    {
        ReportFont.Install();
        using var measure = XGraphics.CreateMeasureContext(new XSize(width, height), XGraphicsUnit.Point, XPageDirection.Downwards);
        using var stream = new MemoryStream();
        using (var svgContext = new SvgRenderContext(stream, width, height, true, new XGraphicsRenderContext(measure), model.Background, false))
        {
            Render(model, svgContext, width, height);
            svgContext.Complete();
            svgContext.Flush();
        }
        var svg = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        // OxyPlot writes the family as given; a browser needs the fallbacks of a CSS font list.
        return svg.Replace($"font-family=\"{ReportFont.Family}\"", $"font-family=\"{ReportFont.SvgFamily}\"", StringComparison.Ordinal);
    }

    /// <summary>Draws a model into a rectangle of a PDF page.</summary>
    public static void Draw(PlotModel model, XGraphics graphics, XRect into)
    {
        var state = graphics.Save();
        graphics.TranslateTransform(into.X, into.Y);
        Render(model, new XGraphicsRenderContext(graphics), into.Width, into.Height);
        graphics.Restore(state);
    }

    /// <summary>OxyPlot draws a model's exception into the chart instead of throwing it; a chart here that cannot be drawn is an error.</summary>
    private static void Check(PlotModel model)
    {
        if (model.GetLastPlotException() is { } e) throw new InvalidOperationException($"chart \"{model.Title}\" cannot be drawn: {e.Message}", e);
    }

    private static PlotModel Model(string title)
    {
        var model = new PlotModel
        {
            Title = title, TitleFontSize = 11, TitleFontWeight = FontWeights.Normal, TitleColor = Ink, DefaultFont = ReportFont.Family,
            DefaultFontSize = 9, TextColor = Ink, PlotAreaBorderColor = Grid, Background = OxyColors.White, Padding = new OxyThickness(6),
        };
        model.Legends.Add(new Legend
        {
            LegendPosition = LegendPosition.BottomCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal,
            LegendFontSize = 8, LegendTextColor = Ink, LegendBorderThickness = 0,
        });
        return model;
    }

    // The category names around a radar, by model: drawn after OxyPlot has drawn it (see Render).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PlotModel, IReadOnlyList<string>> RadarNames = [];

    /// <summary>
    /// Draws a model, then a radar's category names level and just outside its outer ring: OxyPlot turns angle-axis
    /// labels along the radius, and clips annotations to the plot area, which the ring fills.
    /// </summary>
    private static void Render(PlotModel model, IRenderContext rc, double width, double height)
    {
        ((IPlotModel)model).Update(true);
        Check(model);
        ((IPlotModel)model).Render(rc, new OxyRect(0, 0, width, height));
        if (!RadarNames.TryGetValue(model, out var names)) return;
        var magnitude = model.Axes.OfType<MagnitudeAxis>().Single();
        var angles = model.Axes.OfType<AngleAxis>().Single();
        for (var i = 0; i < names.Count; i++)
        {
            var angle = (90 - 360.0 * i / names.Count) * Math.PI / 180;
            var (x, y) = (Math.Cos(angle), Math.Sin(angle));
            rc.DrawText(magnitude.Transform(106, i, angles), names[i], Ink, model.DefaultFont, 9, FontWeights.Normal, 0,
                x > 0.2 ? HorizontalAlignment.Left : x < -0.2 ? HorizontalAlignment.Right : HorizontalAlignment.Center,
                y > 0.2 ? VerticalAlignment.Bottom : y < -0.2 ? VerticalAlignment.Top : VerticalAlignment.Middle);
        }
    }

    private static double Share(decimal points, decimal max) => max <= 0 ? 0 : Math.Round((double)(points / max) * 100, 2);
}
