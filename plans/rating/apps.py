from django.apps import AppConfig


class RatingConfig(AppConfig):
    """The federation's yearly rating of its grassroots unions (đánh giá, xếp loại): an app of its own
    (label "rating"), so its tables and migrations stand apart from the plans app's."""

    name = "plans.rating"
    label = "rating"
    verbose_name = "Đánh giá, xếp loại công đoàn cơ sở"

