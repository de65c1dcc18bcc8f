namespace Evaluation.Web.Features.Enterprises;

/// <summary>Ningbo's ten county-level areas and its national-level development zones.</summary>
internal enum District
{
    Haishu, Jiangbei, Zhenhai, Beilun, Yinzhou, Fenghua, Yuyao, Cixi, Ninghai, Xiangshan,
    HighTechZone, EconomicDevelopmentZone, HangzhouBayNewZone, DaxieZone, BondedZone,
}

internal static class Districts
{
    private static readonly Dictionary<District, (string Zh, string En, string RegionCode)> Names = new()
    {
        [District.Haishu] = ("海曙区", "Haishu", "330203"),
        [District.Jiangbei] = ("江北区", "Jiangbei", "330205"),
        [District.Zhenhai] = ("镇海区", "Zhenhai", "330211"),
        [District.Beilun] = ("北仑区", "Beilun", "330206"),
        [District.Yinzhou] = ("鄞州区", "Yinzhou", "330212"),
        [District.Fenghua] = ("奉化区", "Fenghua", "330213"),
        [District.Yuyao] = ("余姚市", "Yuyao", "330281"),
        [District.Cixi] = ("慈溪市", "Cixi", "330282"),
        [District.Ninghai] = ("宁海县", "Ninghai", "330226"),
        [District.Xiangshan] = ("象山县", "Xiangshan", "330225"),
        // Zones have no county code of their own; enterprises there register under the city's code.
        [District.HighTechZone] = ("宁波国家高新区", "Ningbo National Hi-tech Zone", "330201"),
        [District.EconomicDevelopmentZone] = ("宁波经济技术开发区", "Ningbo Economic & Technological Development Zone", "330201"),
        [District.HangzhouBayNewZone] = ("杭州湾新区", "Hangzhou Bay New Zone", "330201"),
        [District.DaxieZone] = ("大榭开发区", "Daxie Development Zone", "330201"),
        [District.BondedZone] = ("宁波保税区", "Ningbo Free Trade Zone", "330201"),
    };

    public static IReadOnlyCollection<District> All => Names.Keys;
    public static string Zh(this District d) => Names[d].Zh;
    public static string En(this District d) => Names[d].En;
    public static string RegionCode(this District d) => Names[d].RegionCode;
}
