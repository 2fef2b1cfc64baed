"""What several demo loaders share: the demo accounts' password and keys, and the demo letters."""

from __future__ import annotations

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed for the demonstration, never real
# Fixed second-factor keys so a developer can add them to an authenticator app once; never two accounts
# with one key (accounts.create_user refuses a demo key already in use).
DEMO_USERS = [
    ("officer@demo.example", "Sam Okafor", {"crs_officer"}, None, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA"),
    ("manager@demo.example", "Priya Raman", {"complaints_manager"}, None, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXB"),
    ("team.manager@demo.example", "Chris Doyle", {"operational_manager"},
     "Referral Assessment and Intervention", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXC"),
    ("advocate@demo.example", "Amina Haddad", {"advocate"}, None, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXD"),
    ("admin@demo.example", "Jo Whitlock", {"administrator"}, None, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXM"),
]

# The stage 1 letter of the demo cases that have one (staff write it in the portal's conventions).
DEMO_LETTERS = {
    "en": ("Dear young person,\n\n"
           "Thank you for telling us what happened. I have looked into it and spoken to the team.\n\n"
           "What I found:\n"
           "- nobody told you early enough that things were changing\n"
           "- the reason was not explained to you in a way that made sense\n\n"
           "**I am sorry.** Your social worker will meet you in the next two weeks to explain, and to "
           "listen to what you want.\n\n"
           "If you are not happy with this answer, you can ask us to look at it again.\n\n"
           "Yours sincerely,\nTeam manager (demo)"),
    "ar": ("عزيزي،\n\n"
           "شكرًا لأنك أخبرتنا بما حدث. نظرتُ في الأمر وتحدثتُ مع الفريق.\n\n"
           "ما وجدته:\n"
           "- لم يخبرك أحد مبكرًا بأن الأمور ستتغير\n"
           "- لم يُشرح لك السبب بطريقة مفهومة\n\n"
           "**أنا آسف.** ستلتقي بك الأخصائية الاجتماعية خلال أسبوعين لتشرح لك وتستمع إلى ما تريده.\n\n"
           "إذا لم تكن راضيًا عن هذا الرد، يمكنك أن تطلب منا النظر فيه مرة أخرى.\n\n"
           "مع التحية،\nمدير الفريق (تجريبي)"),
}
