"""The only way jobs and the outbox reach Slack: SlackSender over a WebClient, and its worker loop."""
