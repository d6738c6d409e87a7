// The proflens command line, runnable in-process: main() calls RunCli with the
// real streams; tests call it with string streams.
#ifndef PROFLENS_CLI_CLI_H_
#define PROFLENS_CLI_CLI_H_

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace proflens {

// Runs one command line (args[0] is the program name) and returns the exit
// code: 0 ok, 1 an assertion failed, 2 usage error, 3 input or I/O error.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// What a subcommand's callback reads and writes.
struct CommandContext;

void AddTopCommand(CLI::App& app, CommandContext& context);
void AddInfoCommand(CLI::App& app, CommandContext& context);
void AddConvertCommand(CLI::App& app, CommandContext& context);
void AddRecordCommand(CLI::App& app, CommandContext& context);
void AddMergeCommand(CLI::App& app, CommandContext& context);
void AddPeekCommand(CLI::App& app, CommandContext& context);
void AddTracesCommand(CLI::App& app, CommandContext& context);
void AddDotCommand(CLI::App& app, CommandContext& context);
void AddDiffCommand(CLI::App& app, CommandContext& context);
void AddCheckCommand(CLI::App& app, CommandContext& context);
void AddFlameCommand(CLI::App& app, CommandContext& context);
void AddReportCommand(CLI::App& app, CommandContext& context);
void AddTrendCommand(CLI::App& app, CommandContext& context);
void AddServeCommand(CLI::App& app, CommandContext& context);

}  // namespace proflens

#endif  // PROFLENS_CLI_CLI_H_
