// bangumi-backend: one executable, subcommands per role (spec/cli-and-config.md §1).

#include <spdlog/spdlog.h>

#include <iostream>

#include "cli.hpp"

namespace {

int run(int argc, char** argv) {
  using bgm::app::Action;
  CLI::App app{"bangumi-backend: Bangumi background workers and OAuth routes (C++)", "bangumi-backend"};
  app.require_subcommand(1);
  app.failure_message(CLI::FailureMessage::help);
  Action action;
  bgm::app::add_config_commands(app, action);
  bgm::app::add_doctor_command(app, action);
  bgm::app::add_server_commands(app, action);
  bgm::app::add_cron_commands(app, action);
  bgm::app::add_wiki_commands(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help goes to stdout with exit 0; usage errors to stderr with exit 2 (spec).
    const int rc = app.exit(e, std::cout, std::cerr);
    return rc == 0 ? 0 : 2;
  }

  const auto env = bgm::config::process_env();
  const auto choice = bgm::log::choose_format(env("LOG_FORMAT"), env("NODE_ENV"));
  bgm::log::init(choice.format);
  if (!choice.warning.empty()) bgm::log::warn({}, choice.warning);

  try {
    return action ? action() : 2;
  } catch (const bgm::app::ExitCode& e) {
    return e.code;
  } catch (const std::exception& e) {
    bgm::log::error({}, "fatal error", {{"error", e.what()}});
    std::cerr << "Error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int rc = run(argc, argv);
  bgm::log::flush();
  spdlog::shutdown();
  return rc;
}
