"""The suggestions and remarks space (فضاء الاقتراحات والملاحظات): citizens post suggestions on a
``SuggestionsPage``; each is a ``participation_core.Contribution`` of kind "suggestion" on the
page's logical (Arabic) page, so comments, supports, follows, moderation, official answers and
statuses all come from the participation core."""
