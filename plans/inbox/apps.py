from django.apps import AppConfig


class InboxConfig(AppConfig):
    """“Việc cần làm” and the e-mails that tell people of it. An app of its own (label "inbox"), so
    its tables and migrations stand apart from the plans app's, which every other job touches."""

    name = "plans.inbox"
    label = "inbox"
    verbose_name = "Việc cần làm, thư báo"
