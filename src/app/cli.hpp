#pragma once
// Composition root helpers: each command family registers its CLI11 subcommands and
// stores the action to run once parsing has succeeded.

#include <CLI/CLI.hpp>

#include <functional>

#include "bgm/common/log.hpp"
#include "bgm/config/config.hpp"
#include "bgm/db/mysql/client.hpp"
#include "bgm/db/redis/client.hpp"

namespace bgm::app {

// Returns the process exit code.
using Action = std::function<int()>;

// Loads the configuration; on failure prints `Error: <message>` and throws ExitCode.
config::Config load_config_or_exit();

struct ExitCode {
  int code;
};


void add_config_commands(CLI::App& app, Action& action);
void add_doctor_command(CLI::App& app, Action& action);
void add_cron_commands(CLI::App& app, Action& action);
void add_wiki_commands(CLI::App& app, Action& action);
void add_server_commands(CLI::App& app, Action& action);

}  // namespace bgm::app
