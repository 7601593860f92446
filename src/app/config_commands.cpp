#include <iostream>

#include "cli.hpp"

namespace bgm::app {

config::Config load_config_or_exit() {
  auto cfg = config::load(config::process_env());
  if (!cfg) {
    // One line, no log line: the config error is the whole story (acceptance: "a bad
    // PORT gives a one-line error").
    std::cerr << "Error: " << cfg.error().message << "\n";
    throw ExitCode{1};
  }
  return std::move(*cfg);
}

void add_config_commands(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("config", "Inspect the configuration");
  group->require_subcommand(1);
  auto* show = group->add_subcommand("show", "Print the effective configuration (secrets masked) and where each value came from");
  auto format = std::make_shared<std::string>("yaml");
  show->add_option("--format", *format, "Output format")->check(CLI::IsMember({"yaml", "json"}))->capture_default_str();
  show->callback([&action, format] {
    action = [format] {
      const auto cfg = load_config_or_exit();
      std::cout << (*format == "json" ? config::show_json(cfg) : config::show_yaml(cfg));
      return 0;
    };
  });
}

}  // namespace bgm::app
