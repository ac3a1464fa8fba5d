namespace Workbench.SageMaker.ServiceModels;

/// <summary>One way in which a value breaks its service model.</summary>
/// <param name="Path">The member path, e.g. <c>ResourceConfig.InstanceCount</c> or <c>InputDataConfig[0].ChannelName</c>.</param>
/// <param name="Constraint">Which rule failed: <c>required</c>, <c>type</c>, <c>enum</c>, <c>min</c>, <c>max</c>, <c>pattern</c>, <c>unknown</c>, <c>union</c>.</param>
/// <param name="Message">A sentence naming the member and the rule; a sensitive value is never quoted.</param>
public sealed record ValidationProblem(string Path, string Constraint, string Message)
{
    public override string ToString() => Message;
}
