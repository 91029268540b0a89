// The Steppe server on its own (steppe serve starts the same application from the CLI).
Steppe.Server.SteppeServer.Build(args).Run();

/// <summary>The entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
