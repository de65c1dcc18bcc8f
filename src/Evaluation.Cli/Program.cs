using System.CommandLine;
using Evaluation.Cli;

Timings.Mark("main");
var root = new RootCommand("和谐企业评价 · harmonious-enterprise evaluation: check, score and explain catalogues")
{
    CheckCommand.Create(),
    ScoreCommand.Create(),
    ExplainCommand.Create(),
    ScoreParkCommand.Create(),
    DocCommand.Create(),
    TckCommand.Create(),
};
return root.Parse(args).Invoke();
