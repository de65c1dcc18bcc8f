using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;
using YamlDotNet.RepresentationModel;

namespace Evaluation.Rules.Loading;

/// <summary>A catalogue version as loaded from its folder: the base index, its variants and the park index.</summary>
public sealed class CatalogueSet(Catalogue @base, IReadOnlyDictionary<string, Catalogue> variants, Catalogue? park, SmeScheme? sme, string directory)
{
    /// <summary>The base index (no variant).</summary>
    public Catalogue Base { get; } = @base;

    /// <summary>Each variant applied to the base, by variant id.</summary>
    public IReadOnlyDictionary<string, Catalogue> Variants { get; } = variants;

    /// <summary>The industrial-park index, when the folder has one.</summary>
    public Catalogue? Park { get; } = park;

    /// <summary>The small-enterprise scheme, when the folder has one.</summary>
    public SmeScheme? Sme { get; } = sme;

    /// <summary>The folder it was loaded from.</summary>
    public string Directory { get; } = directory;

    /// <summary>The base for null, else the named variant.</summary>
    public Catalogue Resolve(string? variantId) =>
        variantId is null ? Base
        : Variants.TryGetValue(variantId, out var v) ? v
        : throw new KeyNotFoundException($"unknown variant '{variantId}'; known: {string.Join(", ", Variants.Keys.Order(StringComparer.Ordinal))}");

    /// <summary>The variant whose industry prefix matches the GB/T 4754 code longest, or the base.</summary>
    public Catalogue ForIndustry(string? industryCode)
    {
        if (string.IsNullOrWhiteSpace(industryCode)) return Base;
        var best = Variants.Values
            .SelectMany(v => v.Variant!.Industries.Select(prefix => (v, prefix)))
            .Where(x => industryCode.StartsWith(x.prefix, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(x => x.prefix.Length)
            .ThenBy(x => x.v.Variant!.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.v ?? Base;
    }
}

/// <summary>Loads catalogue folders (<c>catalogue.yaml</c>, <c>variants/*.yaml</c>, <c>park.yaml</c>) into validated models.</summary>
public static class CatalogueLoader
{
    /// <summary>Loads a catalogue version folder; throws <see cref="CatalogueException"/> with every error found.</summary>
    public static CatalogueSet LoadDirectory(string directory)
    {
        var errors = new List<CatalogueError>();
        var set = LoadDirectory(directory, errors);
        return errors.Count > 0 || set is null ? throw new CatalogueException(errors) : set;
    }

    /// <summary>
    /// A catalogue file larger than this is refused unread: the 39-indicator catalogue is about 100 KB, and a
    /// 20 MB file would keep the loader (and a starting web app) busy for many seconds.
    /// </summary>
    public const long MaxFileBytes = 4L * 1024 * 1024;

    /// <summary>Loads a catalogue version folder, appending errors instead of throwing.</summary>
    public static CatalogueSet? LoadDirectory(string directory, List<CatalogueError> errors)
    {
        var before = errors.Count;
        var basePath = Path.Combine(directory, "catalogue.yaml");
        if (!File.Exists(basePath))
        {
            errors.Add(new CatalogueError(basePath, 0, 0, null, "no catalogue.yaml in this folder"));
            return null;
        }
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories))
            if (new FileInfo(file).Length is var length and > MaxFileBytes)
                errors.Add(new CatalogueError(Display(file), 0, 0, null,
                    $"file too large: {length / 1024 / 1024} MB (at most {MaxFileBytes / 1024 / 1024} MB)"));
        if (errors.Count > before) return null;
        var source = new BaseSource(Display(basePath), File.ReadAllText(basePath));
        var @base = LoadBase(source, errors);
        var variants = new Dictionary<string, Catalogue>(StringComparer.Ordinal);
        var variantDir = Path.Combine(directory, "variants");
        if (System.IO.Directory.Exists(variantDir))
        {
            foreach (var path in System.IO.Directory.GetFiles(variantDir, "*.yaml").Order(StringComparer.Ordinal))
            {
                var variant = ApplyVariant(source, @base, Display(path), File.ReadAllText(path), errors);
                if (variant is null) continue;
                if (!variants.TryAdd(variant.Variant!.Id, variant))
                    errors.Add(new CatalogueError(Display(path), 1, 1, variant.Variant.Id, $"duplicate variant id '{variant.Variant.Id}'"));
            }
        }
        var parkPath = Path.Combine(directory, "park.yaml");
        var park = File.Exists(parkPath) && @base is not null
            ? LoadPark(Display(parkPath), File.ReadAllText(parkPath), @base, errors)
            : null;
        var smePath = Path.Combine(directory, "sme.yaml");
        var sme = File.Exists(smePath) && @base is not null ? SmeLoader.Load(Display(smePath), File.ReadAllText(smePath), @base, errors) : null;
        return errors.Count > before || @base is null ? null : new CatalogueSet(@base, variants, park, sme, directory);
    }

    /// <summary>Loads one catalogue from text (for tests and tools); throws with every error.</summary>
    public static Catalogue LoadText(string file, string yaml)
    {
        var errors = new List<CatalogueError>();
        var catalogue = LoadBase(new BaseSource(file, yaml), errors);
        return errors.Count > 0 || catalogue is null ? throw new CatalogueException(errors) : catalogue;
    }

    /// <summary>Applies a variant given as text to a base catalogue given as text; throws with every error.</summary>
    public static Catalogue LoadVariantText(string baseFile, string baseYaml, string variantFile, string variantYaml)
    {
        var errors = new List<CatalogueError>();
        var source = new BaseSource(baseFile, baseYaml);
        var @base = LoadBase(source, errors);
        var variant = @base is null ? null : ApplyVariant(source, @base, variantFile, variantYaml, errors);
        return errors.Count > 0 || variant is null ? throw new CatalogueException(errors) : variant;
    }

    /// <summary>
    /// The base catalogue's text, parsed once: every variant binds a fresh DTO (which it then edits) from the same
    /// YAML tree instead of parsing the base file again (16 parses of it were half of loading a folder).
    /// </summary>
    private sealed class BaseSource(string file, string text)
    {
        private YamlMappingNode? _root;
        private bool _parsed;

        public string File { get; } = file;

        public string Text { get; } = text;

        public CatalogueDto? Bind(List<CatalogueError> errors)
        {
            if (!_parsed)
            {
                _root = YamlBinder.Parse(File, Text, errors);
                _parsed = true;
            }
            return _root is null ? null : new YamlBinder(File, errors).Bind<CatalogueDto>(_root);
        }
    }

    private static Catalogue? LoadBase(BaseSource source, List<CatalogueError> errors)
    {
        var dto = source.Bind(errors);
        return dto is null ? null : CatalogueBinder.Bind(dto, null, Hash(source.Text), errors);
    }

    private static Catalogue? ApplyVariant(BaseSource source, Catalogue? @base, string file, string text, List<CatalogueError> errors)
    {
        var root = YamlBinder.Parse(file, text, errors);
        if (root is null || @base is null) return null;
        var before = errors.Count;
        var variant = new YamlBinder(file, errors).Bind<VariantDto>(root);
        var dto = source.Bind([]);
        if (errors.Count > before || dto is null) return null;
        VariantApplier.Apply(variant, dto, $"{@base.Id}@{@base.Version}", errors);
        if (errors.Count > before) return null;
        var info = new VariantInfo(variant.Id!, CatalogueBinder.ToText(variant.Name) ?? new Text(variant.Id!, variant.Id!),
            [.. variant.Industries ?? []], variant.Position);
        return CatalogueBinder.Bind(dto, info, Hash(source.Text + "\n---\n" + text), errors);
    }

    private static Catalogue? LoadPark(string file, string text, Catalogue tenants, List<CatalogueError> errors)
    {
        var root = YamlBinder.Parse(file, text, errors);
        if (root is null) return null;
        var dto = new YamlBinder(file, errors).Bind<CatalogueDto>(root);
        var expected = $"{tenants.Id}@{tenants.Version}";
        if (dto.Tenants != expected)
        {
            errors.Add(new CatalogueError(file, dto.Position.Line, dto.Position.Column, dto.Id, $"tenants must be '{expected}', found '{dto.Tenants}'"));
            return null;
        }
        return CatalogueBinder.Bind(dto, null, Hash(text), errors, TenantScope(tenants));
    }

    /// <summary>What a park aggregate may read of one tenant: its facts, derived values and ScoreCard.</summary>
    internal static Scope TenantScope(Catalogue tenants)
    {
        var scope = new Scope();
        foreach (var p in tenants.Parameters) scope.Set(p.Id, Scope.TypeOf(p.Value));
        foreach (var i in tenants.Inputs) scope.Set(i.Id, Scope.TypeOf(i.Type));
        var derivedTypes = new List<FeelDiagnostic>();
        foreach (var d in tenants.Derived) scope.Set(d.Id, FeelTypeChecker.Check(d.Expression.Ast, scope.Resolve, derivedTypes));
        foreach (var c in tenants.Categories) scope.Set(c.Id, FeelType.Number);
        scope.Set("total", FeelType.Number);
        scope.Set("grade", FeelType.String);
        scope.Set("vetoed", FeelType.Boolean);
        return scope;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // Paths inside the working folder read best relative ("rules/…"); others stay absolute.
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}
