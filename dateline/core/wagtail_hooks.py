from wagtail import hooks

from dateline.core.page_cache import page_cache_depends


@hooks.register("before_serve_page")
def note_page_cache_tags(page, request, serve_args, serve_kwargs):
    tags = page.page_cache_tags() if hasattr(page, "page_cache_tags") else [f"page:{page.pk}"]
    page_cache_depends(*tags)
