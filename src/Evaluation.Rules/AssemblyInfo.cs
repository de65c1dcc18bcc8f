namespace Evaluation.Rules;
