namespace Evaluation.Web.Tests.Enterprises;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91330100716105852F")] // 阿里巴巴（中国）有限公司
    [InlineData("9144030071526726XG")] // 深圳市腾讯计算机系统有限公司
    [InlineData("914403001922038216")] // 华为技术有限公司
    [InlineData("91110108551385082Q")] // 小米科技有限责任公司
    [InlineData("91440300708461136T")]
    [InlineData("91310000607216596U")]
    [InlineData("91330203MA28XY0A2P")] // check character 'P' computed; 海曙 region code
    public void Parse_ValidPublishedCode_Accepts(string code)
    {
        CreditCode.TryParse(code, out var parsed).ShouldBeTrue();
        parsed.Value.ShouldBe(code);
    }

    [Fact]
    public void Parse_LowerCaseAndSpaces_Normalizes() =>
        CreditCode.Parse(" 91330100716105852f ").Value.ShouldBe("91330100716105852F");

    [Theory]
    [InlineData("91330100716105852E", "校验码")]   // one character off in the check position
    [InlineData("91330100716105825F", "校验码")]   // two digits transposed
    [InlineData("91330100716105852", "18")]        // 17 characters
    [InlineData("91330100716105852FF", "18")]      // 19 characters
    [InlineData("91330100716I05852F", "字符")]      // I is not in the GB 32100 alphabet
    [InlineData("9133O100716105852F", "字符")]      // letter O for zero
    [InlineData("913AB100716105852F", "行政区划")]  // region code with letters
    [InlineData("", "18")]
    public void Validate_BrokenCode_SaysWhy(string code, string reason)
    {
        CreditCode.TryParse(code, out _).ShouldBeFalse();
        CreditCode.Validate(code).ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void Validate_Null_IsRefused() => CreditCode.Validate(null).ShouldNotBeNull();

    [Fact]
    public void CheckCharacter_WhenSumIsMultipleOf31_IsZero()
    {
        // 17 zeros sum to 0, and 31 − 0 = 31 is written as '0'.
        CreditCode.CheckCharacter("00000000000000000").ShouldBe('0');
    }

    [Fact]
    public void CheckCharacter_DetectsEverySingleCharacterChange()
    {
        const string valid = "91330100716105852F";
        for (var i = 0; i < 17; i++)
            foreach (var c in CreditCode.Alphabet.Where(c => c != valid[i]))
            {
                var changed = valid[..i] + c + valid[(i + 1)..];
                CreditCode.TryParse(changed, out _).ShouldBeFalse($"{changed} passed");
            }
    }
}

public sealed class IndustryCodeTests
{
    [Theory]
    [InlineData("C1711")] // 棉纺纱加工
    [InlineData("G5531")]
    [InlineData("K7020")]
    [InlineData("C36")]
    [InlineData("A011")]
    public void IsValid_GbT4754Code_Accepts(string code) => IndustryCodeRules.IsValid(code).ShouldBeTrue();

    [Theory]
    [InlineData("C0711")] // division 07 belongs to section B
    [InlineData("K7120")] // 71 is section L
    [InlineData("c1711")]
    [InlineData("C17111")]
    [InlineData("Z1711")]
    [InlineData("")]
    public void IsValid_BrokenCode_Refuses(string code) => IndustryCodeRules.IsValid(code).ShouldBeFalse();
}
