"""What a running forum has before a newcomer arrives: a member, a category and a topic
with an answer.

Run by the test fixture with `manage.py shell < seed.py`, through Spirit's own models.
"""

from django.contrib.auth import get_user_model
from spirit.category.models import Category
from spirit.comment.models import Comment
from spirit.core.utils import markdown
from spirit.topic.models import Topic

User = get_user_model()
member, _ = User.objects.get_or_create(
    username="hilltop_hiker", defaults={"email": "hiker@trailhead.example"}
)
member.set_password("a-long-forum-password")
member.save()
member.st.is_verified = True
member.st.save()
boots, _ = Category.objects.get_or_create(
    title="Boots and shoes", defaults={"description": "Fit, care and waterproofing."}
)
topic = Topic.objects.create(
    user=member, category=boots, title="Are the Ridgeline boots waterproof?"
)
for text in (
    (
        "I am thinking of buying the Ridgeline boots for the Lake District. Do they"
        " keep water out?"
    ),
    "Yes: I waxed them twice and walked through streams all day with dry feet.",
):
    Comment.objects.create(
        user=member, topic=topic, comment=text, comment_html=markdown.Markdown()(text)
    )
topic.comment_count = 2
topic.save()
print("seeded", topic.pk)
