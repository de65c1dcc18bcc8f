using System.Collections.Immutable;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Loading;

namespace Evaluation.Rules.Model;

/// <summary>FEEL text kept with its parsed tree and where it stands in the catalogue.</summary>
public sealed record FeelSource(string Text, FeelExpr Ast, SourcePosition Position)
{
    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>A decision-table cell kept with its parsed tests.</summary>
public sealed record UnaryTestsSource(string Text, UnaryTests Tests, SourcePosition Position);

/// <summary>How an indicator (or a part of one) turns facts into points.</summary>
public abstract record Scoring(SourcePosition Position);

/// <summary>A FEEL expression giving points.</summary>
public sealed record ScoreScoring(FeelSource Expression, SourcePosition Position) : Scoring(Position);

/// <summary>DMN hit policies we support.</summary>
public enum HitPolicy { First, Unique, Any, CollectSum, CollectMax, CollectMin }

/// <summary>A DMN decision table giving points.</summary>
public sealed record TableScoring(HitPolicy Hit, ImmutableArray<FeelSource> Inputs, ImmutableArray<TableRow> Rows, SourcePosition Position) : Scoring(Position);

/// <summary>One rule of a decision table.</summary>
public sealed record TableRow(ImmutableArray<UnaryTestsSource> When, FeelSource Then, Text? Note, SourcePosition Position);

/// <summary>Points interpolated from a zero point to a full point.</summary>
public sealed record LinearScoring(FeelSource Of, FeelSource Zero, FeelSource Full, SourcePosition Position) : Scoring(Position);

/// <summary>A reviewer's level times the points.</summary>
public sealed record LevelsScoring(string Input, ImmutableArray<KeyValuePair<string, decimal>> Scale, SourcePosition Position) : Scoring(Position);

/// <summary>Full points less a charge per counted event, floored at zero.</summary>
public sealed record DeductScoring(ImmutableArray<DeductItem> Items, SourcePosition Position) : Scoring(Position);

/// <summary>A counted event and what each costs.</summary>
public sealed record DeductItem(FeelSource Count, decimal Per);

/// <summary>An indicator made of named parts whose points add up.</summary>
public sealed record PartsScoring(ImmutableArray<Part> Parts, SourcePosition Position) : Scoring(Position);

/// <summary>A part of an indicator; points 0 with a deduct form is a penalty.</summary>
public sealed record Part(string Id, Text Name, decimal Points, string? Target, Scoring Scoring)
{
    /// <summary>A deduct part with no points of its own subtracts from the others and is not floored.</summary>
    public bool IsPenalty => Points == 0 && Scoring is DeductScoring;
}
