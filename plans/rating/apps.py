from django.apps import AppConfig


class RatingConfig(AppConfig):
    """The federation's yearly rating of its grassroots unions (đánh giá, xếp loại): an app of its own
    (label "rating"), so its tables and migrations stand apart from the plans app's."""

    name = "plans.rating"
    label = "rating"
    verbose_name = "Đánh giá, xếp loại công đoàn cơ sở"

    def ready(self):
        from plans.federation import overview
        from plans.rating.models import Label, Rating
        from unionplans import versions

        # The overview's rating columns and its labels filter are kept with its other figures (plans.federation.overview).
        versions.watch(overview.VERSION, [Rating, Label])
