// The entry point of `lotse-bench`: hands the arguments to the benchmark table. SIGPIPE is
// ignored like in `lotse`, so a child or peer that goes away yields an error.
import Foundation

signal(SIGPIPE, SIG_IGN)
exit(BenchCommands.table.main(Array(CommandLine.arguments.dropFirst())).rawValue)
