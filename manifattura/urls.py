app_name = "manifattura"

urlpatterns = []
