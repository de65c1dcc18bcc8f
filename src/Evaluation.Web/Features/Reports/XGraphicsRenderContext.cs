using OxyPlot;
using PdfSharp.Drawing;

namespace Evaluation.Web.Features.Reports;

/// <summary>
/// OxyPlot drawing onto PDFsharp's <see cref="XGraphics"/>: a chart in the report is vector graphics with its text
/// in the report's embedded font (OxyPlot's own PdfExporter knows only the 14 standard fonts, no Chinese). One
/// OxyPlot unit is one PDF point. Also the text measurer of the SVG export, so both lay labels out alike.
/// </summary>
internal sealed class XGraphicsRenderContext(XGraphics graphics) : RenderContextBase
{
    private readonly Stack<XGraphicsState> _clips = new();

    public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode,
        double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter)
    {
        if (points.Count < 2 || stroke.IsInvisible() || thickness <= 0) return;
        graphics.DrawLines(Pen(stroke, thickness, dashArray, lineJoin), Points(points));
    }

    public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness,
        EdgeRenderingMode edgeRenderingMode, double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter)
    {
        if (points.Count < 2) return;
        var pen = stroke.IsVisible() && thickness > 0 ? Pen(stroke, thickness, dashArray, lineJoin) : null;
        var brush = fill.IsVisible() ? Brush(fill) : null;
        if (pen is null && brush is null) return;
        graphics.DrawPolygon(pen, brush, Points(points), XFillMode.Winding);
    }

    public override void DrawRectangle(OxyRect rect, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode)
    {
        var pen = stroke.IsVisible() && thickness > 0 ? Pen(stroke, thickness, null, LineJoin.Miter) : null;
        var brush = fill.IsVisible() ? Brush(fill) : null;
        if (pen is null && brush is null) return;
        graphics.DrawRectangle(pen, brush, rect.Left, rect.Top, rect.Width, rect.Height);
    }

    public override void DrawEllipse(OxyRect rect, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode)
    {
        var pen = stroke.IsVisible() && thickness > 0 ? Pen(stroke, thickness, null, LineJoin.Miter) : null;
        var brush = fill.IsVisible() ? Brush(fill) : null;
        if (pen is null && brush is null) return;
        graphics.DrawEllipse(pen, brush, rect.Left, rect.Top, rect.Width, rect.Height);
    }

    public override void DrawText(ScreenPoint p, string text, OxyColor fill, string? fontFamily = null, double fontSize = 10,
        double fontWeight = 500, double rotate = 0, HorizontalAlignment halign = HorizontalAlignment.Left,
        VerticalAlignment valign = VerticalAlignment.Top, OxySize? maxSize = null)
    {
        if (string.IsNullOrEmpty(text) || fill.IsInvisible()) return;
        var font = Font(fontSize, fontWeight);
        var lines = text.Split('\n');
        var sizes = lines.Select(l => graphics.MeasureString(l.Length == 0 ? " " : l, font)).ToList();
        var width = sizes.Max(s => s.Width);
        var height = sizes.Sum(s => s.Height);
        var dx = halign switch { HorizontalAlignment.Center => -width / 2, HorizontalAlignment.Right => -width, _ => 0 };
        var dy = valign switch { VerticalAlignment.Middle => -height / 2, VerticalAlignment.Bottom => -height, _ => 0 };
        var state = graphics.Save();
        graphics.TranslateTransform(p.X, p.Y);
        if (rotate != 0) graphics.RotateTransform(rotate);
        var y = dy;
        for (var i = 0; i < lines.Length; i++)
        {
            var lineDx = halign switch
            {
                HorizontalAlignment.Center => dx + (width - sizes[i].Width) / 2,
                HorizontalAlignment.Right => dx + width - sizes[i].Width,
                _ => dx,
            };
            graphics.DrawString(lines[i], font, Brush(fill), new XPoint(lineDx, y), XStringFormats.TopLeft);
            y += sizes[i].Height;
        }
        graphics.Restore(state);
    }

    public override OxySize MeasureText(string text, string? fontFamily = null, double fontSize = 10, double fontWeight = 500)
    {
        if (string.IsNullOrEmpty(text)) return OxySize.Empty;
        var font = Font(fontSize, fontWeight);
        var lines = text.Split('\n').Select(l => graphics.MeasureString(l.Length == 0 ? " " : l, font)).ToList();
        return new OxySize(lines.Max(s => s.Width), lines.Sum(s => s.Height));
    }

    public override int ClipCount => _clips.Count;

    public override void PushClip(OxyRect clippingRectangle)
    {
        _clips.Push(graphics.Save());
        graphics.IntersectClip(new XRect(clippingRectangle.Left, clippingRectangle.Top, clippingRectangle.Width, clippingRectangle.Height));
    }

    public override void PopClip() => graphics.Restore(_clips.Pop());

    private static XFont Font(double size, double weight) =>
        new(ReportFont.Family, size, weight >= FontWeights.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static XColor Colour(OxyColor c) => XColor.FromArgb(c.A, c.R, c.G, c.B);

    private static XSolidBrush Brush(OxyColor c) => new(Colour(c));

    private static XPen Pen(OxyColor stroke, double thickness, double[]? dashArray, LineJoin lineJoin)
    {
        var pen = new XPen(Colour(stroke), thickness)
        {
            LineJoin = lineJoin switch { LineJoin.Round => XLineJoin.Round, LineJoin.Bevel => XLineJoin.Bevel, _ => XLineJoin.Miter },
        };
        // OxyPlot's dashes are in units of the line's thickness, as PDFsharp's are.
        if (dashArray is { Length: > 0 }) pen.DashPattern = dashArray;
        return pen;
    }

    private static XPoint[] Points(IList<ScreenPoint> points)
    {
        var result = new XPoint[points.Count];
        for (var i = 0; i < points.Count; i++) result[i] = new XPoint(points[i].X, points[i].Y);
        return result;
    }
}
