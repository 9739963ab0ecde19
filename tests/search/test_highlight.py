from site_template.search.highlight import excerpt


def test_marks_every_spelling_and_escapes_the_rest():
    html = excerpt("<b>إعلانٌ</b> عن الميزانيـــة & اعلان", "اعلان ميزانية")
    assert html == "&lt;b&gt;<mark>إعلانٌ</mark>&lt;/b&gt; عن <mark>الميزانيـــة</mark> &amp; <mark>اعلان</mark>"


def test_window_around_the_first_match():
    text = " ".join(f"mot{i}" for i in range(100)) + " l'école " + " ".join(f"fin{i}" for i in range(100))
    html = excerpt(text, "ecole", words_around=3)
    assert html == "… mot98 mot99 l&#x27;<mark>école</mark> fin0 fin1 fin2 …"  # "l" is a word


def test_no_match_gives_the_beginning():
    assert excerpt("Le budget annuel", "eau", words_around=1) == "Le budget …"
    assert excerpt("", "eau") == ""
