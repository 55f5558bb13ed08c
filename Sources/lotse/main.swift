// The entry point: hands the arguments to the command table.
import Foundation

exit(Commands.main(Array(CommandLine.arguments.dropFirst())))
