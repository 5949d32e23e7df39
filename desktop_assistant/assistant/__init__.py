"""The brain: model client, agent loop, tool registry, prompts, slash commands. Qt-free."""
