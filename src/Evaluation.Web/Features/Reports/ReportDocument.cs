using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Evaluation.Web.Features.Reports;

/// <summary>
/// Lays the evaluation report out on A4 pages with PDFsharp: the enterprise and the scoring's provenance, the result,
/// the two OxyPlot charts, the categories, every indicator with its explanation, the vetoes, the missing data and the
/// improvement plan; a footer with page numbers. All text is in the embedded CJK font (<see cref="ReportFont"/>).
/// </summary>
internal static class ReportDocument
{
    public static byte[] Render(EvaluationReport r, DateTime generatedAt)
    {
        ReportFont.Install();
        var document = new PdfDocument();
        document.Info.Title = $"{r.T("和谐企业评价报告", "Harmonious enterprise evaluation report")} · {r.Enterprise} · {r.Campaign}";
        document.Info.Subject = $"{r.CatalogueId} {r.CatalogueVersion} · {r.FactsHash}";
        document.Info.Author = r.T("宁波市社会责任评价中心", "Ningbo Social Responsibility Evaluation Centre");
        document.Info.Creator = "Evaluation.Web";
        var page = new Page(document);
        Write(page, r);
        page.Close();
        Footers(document, r, generatedAt);
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Write(Page p, EvaluationReport r)
    {
        p.Text(r.T("和谐企业评价报告", "Harmonious Enterprise Evaluation Report"), Fonts.Title, Colours.Accent, after: 4);
        p.Text(r.Enterprise, Fonts.Heading, Colours.Ink, after: 8);
        var ningbo = Shared.NingboTime.ToNingbo(r.ScoredAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        (string, string)[] facts =
        [
            (r.T("统一社会信用代码", "Credit code"), r.CreditCode),
            (r.T("区县", "District"), r.District),
            (r.T("行业", "Industry"), r.Variant is null ? r.IndustryCode : $"{r.IndustryCode} · {r.Variant}"),
            (r.T("评价活动", "Campaign"), $"{r.Campaign}（{r.Year}）"),
            (r.T("申报状态", "Application status"), r.Status),
            (r.T("指标体系", "Catalogue"), $"{r.CatalogueTitle} · {r.CatalogueId} {r.CatalogueVersion}"),
            (r.T("事实哈希", "Facts hash"), r.FactsHash),
            (r.T("评分时间", "Scored at"), ningbo + r.T("（北京时间）", " (Beijing time)")),
        ];
        foreach (var (label, value) in facts) p.Row([label, value], [130, Page.Width - 130], Fonts.Body, null);
        p.Space(8);

        p.Heading(r.T("评价结果", "Result"));
        p.Text($"{r.T("总分", "Total")} {EvaluationReport.Points(r.Total)} / {EvaluationReport.Points(r.MaxTotal)} · {r.T("等级", "Grade")} {r.Grade} {r.GradeName}",
            Fonts.Large, Colours.Ink, after: 4);
        if (r.Provisional)
            p.Text(r.T("本结果为提交时的预估得分，尚未经评审确认。", "This is the provisional score at submission, not yet confirmed by review."), Fonts.Body, Colours.Muted);
        if (r.Vetoes.Count > 0)
            p.Text(r.T("一票否决：", "One-vote veto: ") + string.Join(r.T("；", "; "), r.Vetoes), Fonts.Body, Colours.Alert);
        p.Space(6);

        var figures = r.Categories.Select(c => new CategoryFigure(c.Name, c.Points, c.Max, c.Average)).ToList();
        p.Chart(ReportCharts.Radar(figures, r.English), 270, Page.Width * 0.72);
        p.Chart(ReportCharts.Bars(figures, r.English), 40 + 34 * figures.Count, Page.Width);
        if (r.AverageOf is not null) p.Text(r.AverageOf, Fonts.Small, Colours.Muted);
        else p.Text(r.T("暂无同行业的评分结果，图中不含行业平均。", "No scored peers of the same industry variant yet: no industry average in the charts."),
            Fonts.Small, Colours.Muted);
        p.Space(8);

        p.Heading(r.T("一级指标", "Categories"));
        double[] four = [Page.Width - 240, 80, 80, 80];
        p.Row([r.T("一级指标", "Category"), r.T("得分", "Points"), r.T("满分", "Maximum"), r.T("行业平均", "Industry average")], four, Fonts.Bold, Colours.Band);
        foreach (var c in r.Categories)
            p.Row([c.Name, EvaluationReport.Points(c.Points), EvaluationReport.Points(c.Max), c.Average is { } a ? EvaluationReport.Points(a) : "—"], four, Fonts.Body, null);
        p.Space(8);

        p.Heading(r.T("二级指标与得分说明", "Indicators and how they were scored"));
        if (!r.Explained)
            p.Text(r.T("评分后事实已有变更，逐项说明和提升建议将在下次评分后提供；以下分数为本次评分结果。",
                "Facts have changed since this scoring: the explanations and the improvement plan follow the next scoring; the points below are this scoring's."),
                Fonts.Body, Colours.Alert);
        double[] columns = [Page.Width - 215, 55, 55, 105];
        foreach (var c in r.Categories)
        {
            p.Ensure(60);
            p.Text($"{c.Name}  {EvaluationReport.Points(c.Points)} / {EvaluationReport.Points(c.Max)}", Fonts.SubHeading, Colours.Accent, after: 2);
            p.Row([r.T("指标", "Indicator"), r.T("得分", "Points"), r.T("满分", "Maximum"), r.T("状态", "Status")], columns, Fonts.Bold, Colours.Band);
            foreach (var i in r.Indicators.Where(i => i.Category == c.Id))
            {
                p.Row([$"{i.Id} {i.Name}", EvaluationReport.Points(i.Points), EvaluationReport.Points(i.Max), i.Status], columns, Fonts.Body, null,
                    keepWithNext: i.Explanation is { Length: > 0 } ? 14 : 0);
                if (i.Explanation is { Length: > 0 } words) p.Text(words, Fonts.Small, Colours.Muted, indent: 12, after: 3);
            }
            p.Space(6);
        }

        p.Heading(r.T("一票否决", "One-vote veto"));
        p.Text(r.Vetoes.Count > 0 ? string.Join("\n", r.Vetoes.Select(v => r.T("否决：", "Vetoed: ") + v))
            : r.T("未触发一票否决情形。", "No veto applies."), Fonts.Body, r.Vetoes.Count > 0 ? Colours.Alert : Colours.Ink);
        if (r.UndecidedVetoes.Count > 0)
            p.Text(r.T("因数据缺失无法判定：", "Not decidable for missing data: ") + string.Join(r.T("；", "; "), r.UndecidedVetoes), Fonts.Body, Colours.Muted);
        if (r.Missing.Count > 0)
        {
            p.Space(4);
            p.Text(r.T("缺少的数据：", "Missing data: ") + string.Join(r.T("、", ", "), r.Missing), Fonts.Body, Colours.Muted);
        }
        p.Space(8);

        p.Heading(r.T("提升建议", "Improvement plan"));
        if (!r.Explained) p.Text(r.T("下次评分后提供。", "Follows the next scoring."), Fonts.Body, Colours.Muted);
        else if (r.Plan.Count == 0) p.Text(r.T("各项指标均已满分。", "Every indicator has its full points."), Fonts.Body, Colours.Ink);
        var n = 0;
        foreach (var line in r.Plan)
        {
            p.Text($"{++n}. {line.Id} {line.Name}{r.T("：", ": ")}{r.T("可提升", "up to")} +{EvaluationReport.Points(line.Recoverable)} {r.T("分", "points")}",
                Fonts.Bold, Colours.Ink, after: 1);
            if (line.Step is not null) p.Text(r.T("下一步：", "Next step: ") + line.Step, Fonts.Small, Colours.Ink, indent: 12, after: 1);
            if (line.Now.Length > 0) p.Text(r.T("现值：", "Now: ") + line.Now, Fonts.Small, Colours.Muted, indent: 12, after: 3);
        }
    }

    private static void Footers(PdfDocument document, EvaluationReport r, DateTime generatedAt)
    {
        var generated = Shared.NingboTime.ToNingbo(generatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        for (var i = 0; i < document.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var text = $"{r.T("宁波市社会责任评价中心", "Ningbo Social Responsibility Evaluation Centre")} · {r.Enterprise} · "
                + $"{r.T("生成于", "generated")} {generated} · {r.T($"第 {i + 1} / {document.PageCount} 页", $"page {i + 1} of {document.PageCount}")}";
            g.DrawString(text, Fonts.Small, Colours.Muted, new XRect(Page.Left, Page.Bottom + 14, Page.Width, 12), XStringFormats.TopCenter);
        }
    }

    private static class Fonts
    {
        public static readonly XFont Title = new(ReportFont.Family, 20, XFontStyleEx.Bold);
        public static readonly XFont Heading = new(ReportFont.Family, 15, XFontStyleEx.Regular);
        public static readonly XFont SubHeading = new(ReportFont.Family, 11, XFontStyleEx.Bold);
        public static readonly XFont Large = new(ReportFont.Family, 13, XFontStyleEx.Bold);
        public static readonly XFont Body = new(ReportFont.Family, 9.5, XFontStyleEx.Regular);
        public static readonly XFont Bold = new(ReportFont.Family, 9.5, XFontStyleEx.Bold);
        public static readonly XFont Small = new(ReportFont.Family, 8, XFontStyleEx.Regular);
    }

    private static class Colours
    {
        public static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x22, 0x2b, 0x36));
        public static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x5a, 0x66, 0x75));
        public static readonly XBrush Accent = new XSolidBrush(XColor.FromArgb(0x1f, 0x5f, 0xbf));
        public static readonly XBrush Alert = new XSolidBrush(XColor.FromArgb(0xb4, 0x23, 0x18));
        public static readonly XBrush Band = new XSolidBrush(XColor.FromArgb(0xe8, 0xee, 0xf6));
    }

    /// <summary>A cursor down A4 pages: text wraps to the width, a block that does not fit starts a new page.</summary>
    private sealed class Page(PdfDocument document)
    {
        public const double Left = 50, Top = 50, Bottom = 792;
        public const double Width = 595 - 2 * Left;

        private XGraphics? _g;
        private double _y;

        private XGraphics G
        {
            get
            {
                if (_g is not null) return _g;
                var page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                _g = XGraphics.FromPdfPage(page);
                _y = Top;
                return _g;
            }
        }

        public void Close()
        {
            _g?.Dispose();
            _g = null;
        }

        public void Ensure(double height)
        {
            _ = G;
            if (_y + height > Bottom && _y > Top) Close();
        }

        public void Space(double height) => _y += height;

        public void Heading(string text)
        {
            Ensure(50);
            Text(text, Fonts.Heading, Colours.Accent, after: 2);
            G.DrawLine(new XPen(XColor.FromArgb(0xcc, 0xd3, 0xdc), 0.6), Left, _y, Left + Width, _y);
            _y += 5;
        }

        public void Text(string text, XFont font, XBrush brush, double indent = 0, double after = 2)
        {
            var height = font.GetHeight() * 1.25;
            foreach (var line in text.Split('\n').SelectMany(l => Wrap(G, l, font, Width - indent)))
            {
                Ensure(height);
                G.DrawString(line, font, brush, new XPoint(Left + indent, _y), XStringFormats.TopLeft);
                _y += height;
            }
            _y += after;
        }

        /// <summary>One table row: each cell wrapped to its column; the row moves to a new page whole.</summary>
        public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, XFont font, XBrush? band, double keepWithNext = 0)
        {
            const double pad = 3;
            var lineHeight = font.GetHeight() * 1.2;
            var wrapped = cells.Select((c, i) => Wrap(G, c, font, widths[i] - 2 * pad)).ToList();
            var height = wrapped.Max(w => w.Count) * lineHeight + 2 * pad;
            Ensure(height + keepWithNext);
            if (band is not null) G.DrawRectangle(band, Left, _y, Width, height);
            var x = Left;
            for (var i = 0; i < cells.Count; i++)
            {
                var y = _y + pad;
                foreach (var line in wrapped[i])
                {
                    G.DrawString(line, font, Colours.Ink, new XPoint(x + pad, y), XStringFormats.TopLeft);
                    y += lineHeight;
                }
                x += widths[i];
            }
            _y += height;
            G.DrawLine(new XPen(XColor.FromArgb(0xe1, 0xe6, 0xec), 0.4), Left, _y, Left + Width, _y);
        }

        public void Chart(OxyPlot.PlotModel model, double height, double width)
        {
            Ensure(height);
            ReportCharts.Draw(model, G, new XRect(Left + (Width - width) / 2, _y, width, height));
            _y += height + 4;
        }

        /// <summary>
        /// Greedy line breaking: Chinese may break between any two characters, a Latin word only at a space (a word
        /// longer than the line breaks where it must).
        /// </summary>
        private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
        {
            var lines = new List<string>();
            var start = 0;
            while (start < text.Length)
            {
                var end = start;
                var lastSpace = -1;
                while (end < text.Length && g.MeasureString(text[start..(end + 1)], font).Width <= width)
                {
                    if (text[end] == ' ') lastSpace = end;
                    end++;
                }
                if (end == text.Length) { lines.Add(text[start..]); break; }
                if (end == start) end = start + 1; // a single character wider than the line
                else if (IsLatin(text[end]) && end > start && IsLatin(text[end - 1]) && lastSpace > start) end = lastSpace + 1;
                lines.Add(text[start..end].TrimEnd());
                start = end;
                while (start < text.Length && text[start] == ' ') start++;
            }
            if (lines.Count == 0) lines.Add("");
            return lines;
        }

        private static bool IsLatin(char c) => c < 0x2E80 && !char.IsWhiteSpace(c);
    }
}
