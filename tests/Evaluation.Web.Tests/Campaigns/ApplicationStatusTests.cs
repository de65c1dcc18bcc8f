namespace Evaluation.Web.Tests.Campaigns;

public sealed class ApplicationStatusTests
{
    private static readonly DateTime Now = new(2018, 6, 15, 9, 0, 0, DateTimeKind.Utc);

    private static Application Draft() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Track.Full, Now);

    [Fact]
    public void Walk_TheWholeWay_EndsPublished()
    {
        var a = Draft();
        a.Submit(Now);
        a.StartReview();
        a.Return("缺少证明材料");
        a.Submit(Now);
        a.StartReview();
        a.Accept(Now);
        a.RecordScore();
        a.OpenPublicNotice();
        a.Publish();
        a.Status.ShouldBe(ApplicationStatus.Published);
        a.ReturnReason.ShouldBe("缺少证明材料");
    }

    private static readonly Dictionary<string, Action<Application>> MovesFromDraft = new()
    {
        ["accept"] = a => a.Accept(Now),
        ["start review"] = a => a.StartReview(),
        ["publish"] = a => a.Publish(),
        ["record score"] = a => a.RecordScore(),
        ["return"] = a => a.Return("why"),
        ["open public notice"] = a => a.OpenPublicNotice(),
    };

    [Theory]
    [InlineData("accept")]
    [InlineData("start review")]
    [InlineData("publish")]
    [InlineData("record score")]
    [InlineData("return")]
    [InlineData("open public notice")]
    public void Move_FromDraft_IsRefused(string move)
    {
        var a = Draft();
        var e = Should.Throw<IllegalTransitionException>(() => MovesFromDraft[move](a));
        e.From.ShouldBe(ApplicationStatus.Draft);
        a.Status.ShouldBe(ApplicationStatus.Draft);
    }

    [Fact]
    public void Submit_Twice_IsRefused()
    {
        var a = Draft();
        a.Submit(Now);
        Should.Throw<IllegalTransitionException>(() => a.Submit(Now));
    }

    [Fact]
    public void Accept_AfterReturn_IsRefusedUntilResubmitted()
    {
        var a = Draft();
        a.Submit(Now);
        a.StartReview();
        a.Return("补充材料");
        Should.Throw<IllegalTransitionException>(() => a.Accept(Now));
        a.Status.ShouldBe(ApplicationStatus.Returned);
    }

    [Fact]
    public void Return_WithoutReason_IsRefused()
    {
        var a = Draft();
        a.Submit(Now);
        a.StartReview();
        Should.Throw<ArgumentException>(() => a.Return(" "));
        a.Status.ShouldBe(ApplicationStatus.InReview);
    }

    [Fact]
    public void Publish_BeforePublicNotice_IsRefused()
    {
        var a = Draft();
        a.Submit(Now);
        a.StartReview();
        a.Accept(Now);
        a.RecordScore();
        Should.Throw<IllegalTransitionException>(() => a.Publish());
    }
}
