using Bogus;

namespace Evaluation.Web.Features.Demo;

/// <summary>Plausible Ningbo enterprises: names, valid credit codes, districts, industries, sizes and parks.</summary>
internal sealed class SyntheticEnterprises(int seed)
{
    private static readonly (string Code, string Word)[] Industries =
    [
        ("C1711", "纺织"), ("C1810", "服饰"), ("C2511", "石化"), ("C2614", "化工"), ("C2927", "塑料制品"),
        ("C3360", "金属表面处理"), ("C3525", "模具"), ("C3670", "汽车零部件"), ("C3851", "电器"),
        ("C3982", "电子"), ("C1431", "食品"), ("G5531", "港务"), ("G5920", "仓储物流"),
        ("E4710", "建设"), ("K7020", "物业服务"), ("H6110", "酒店"), ("H6210", "餐饮管理"), ("I6510", "软件"),
    ];

    private static readonly string[] Brands =
    [
        "甬华", "海天", "东方", "三江", "天一", "四明", "宁兴", "新海", "博时", "金港", "华迪", "明州", "康达", "恒信",
        "宏远", "鑫源", "瑞丰", "永盛", "中兴", "卓越", "慈航", "余姚", "舜宇", "杉杉", "雅戈", "奥克斯", "均胜", "环球",
    ];

    private static readonly string[] Parks =
    [
        "宁波国家高新区新材料产业园", "北仑临港装备产业园", "慈溪滨海经济开发区", "余姚经济开发区",
        "鄞州工业园区", "宁海科技工业园区", "象山经济开发区", "镇海新材料产业园",
    ];

    private readonly Faker _faker = new("zh_CN") { Random = new Randomizer(seed) };

    public List<Enterprise> Make(int count, DateTime now)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Enterprise>(count);
        while (result.Count < count)
        {
            var district = _faker.PickRandom(Districts.All.ToArray());
            var (industry, word) = _faker.PickRandom(Industries);
            var code = NewCreditCode(district);
            var name = $"宁波{_faker.PickRandom(Brands)}{_faker.PickRandom("", "新", "联合", "精工")}{word}有限公司";
            if (!codes.Add(code.Value) || !names.Add(name)) continue;
            result.Add(new Enterprise(new Guid(_faker.Random.Bytes(16)), code, name, district, industry, Size(),
                _faker.Random.Bool(0.3f) ? _faker.PickRandom(Parks) : null, now));
        }
        return result;
    }

    private SizeClass Size() => _faker.Random.WeightedRandom(
        [SizeClass.Large, SizeClass.Medium, SizeClass.Small, SizeClass.Micro], [0.08f, 0.22f, 0.45f, 0.25f]);

    /// <summary>91 (company) + region + a GB 11714 organisation code + the GB 32100 check character.</summary>
    public CreditCode NewCreditCode(District district)
    {
        var body = new string(Enumerable.Range(0, 8)
            .Select(_ => _faker.Random.ArrayElement(CreditCode.Alphabet.ToCharArray())).ToArray());
        var first17 = "91" + district.RegionCode() + body + OrganisationCheck(body);
        return CreditCode.Parse(first17 + CreditCode.CheckCharacter(first17));
    }

    // GB 11714: weights 3 7 9 10 5 8 4 2, letters valued A=10 … Z=35; 10 is written X and 11 as 0.
    private static char OrganisationCheck(string body)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * weights[i]).Sum();
        return (11 - sum % 11) switch { 10 => 'X', 11 => '0', var d => (char)('0' + d) };
    }

    public string PersonName() => _faker.Name.LastName() + _faker.Name.FirstName();

    public Faker Faker => _faker;
}
