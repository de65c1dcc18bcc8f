namespace Evaluation.Engine;
