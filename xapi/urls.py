from django.urls import path

from . import views

app_name = "xapi"

urlpatterns = [
    path("about", views.about, name="about"),
    path("statements", views.statements, name="statements"),
    path("activities/state", views.state, name="state"),
    path("activities/profile", views.activity_profile, name="activity-profile"),
    path("activities", views.activities, name="activities"),
    path("agents/profile", views.agent_profile, name="agent-profile"),
    path("agents", views.agents, name="agents"),
]
