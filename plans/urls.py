from django.urls import include, path

from plans import views

# Each job of the app keeps its own URLs; the names stay global (no namespace), as templates use them.
urlpatterns = [
    path("", views.home, name="home"),
    path("", include("plans.workflow.urls")),
    path("", include("plans.months.urls")),
    path("", include("plans.textimport.urls")),
    path("", include("plans.editor.urls")),
    path("", include("plans.documents.urls")),
    path("", include("plans.federation.urls")),
    path("", include("plans.inbox.urls")),
]
