from django.urls import path

from storefront import views

app_name = "storefront"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("uses/<slug:slug>/", views.UseDetailView.as_view(), name="use-detail"),
    path("products/<slug:slug>/", views.ProductDetailView.as_view(), name="product-detail"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("pages/<slug:slug>/", views.StorePageView.as_view(), name="store-page"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
