// The entry point: hands the arguments to the command table. SIGPIPE is ignored so that a
// peer or a sendmail that goes away yields an error, not the end of the process.
import Foundation

signal(SIGPIPE, SIG_IGN)
exit(Commands.table.main(Array(CommandLine.arguments.dropFirst())).rawValue)
