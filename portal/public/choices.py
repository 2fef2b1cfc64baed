"""Plain-language choices on the public pages, and what each one means to staff.

Stored values are language-neutral keys; the words are in the reader's language.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KINDS = {
    "complaint": _l("Make a complaint"),
    "wishes_and_feelings": _l("Tell us how you feel or what you want"),
    "advocacy_request": _l("Ask for an advocate"),
}

KIND_HINTS = {
    "complaint": _l("You are unhappy with something children's social care did, or did not do."),
    "wishes_and_feelings": _l("You want us to know something, or you want help to sort out a problem "
                              "without making a complaint."),
    "advocacy_request": _l("Someone on your side, to help you say what you want."),
}

WHO = {
    "young_person": _l("I am the young person"),
    "parent_carer": _l("I am their parent or carer"),
    "helper": _l("I am helping a young person, for example as a friend or relative"),
    "professional": _l("I work with the young person, for example as a social worker or teacher"),
}

KNOWS_AND_AGREES = {
    "agrees": _l("They know, and they agree"),
    "does_not_agree": _l("They know, but they do not agree"),
    "not_sure": _l("They know, but I am not sure if they agree"),
    "does_not_know": _l("They do not know"),
}

# Where the young person lives or which service supports them, and the team that usually answers
# for it (a hint for triage; triage decides).
PLACES = {
    "foster_care": _l("Living with a foster carer"),
    "childrens_home": _l("Living in a children's home"),
    "family_with_social_worker": _l("Living with family, with help from a social worker"),
    "protection_plan": _l("On a child protection plan"),
    "care_leaver": _l("Left care (a care leaver)"),
    "adoption": _l("Adopted, or being adopted"),
    "not_sure": _l("I'm not sure"),
}
TEAM_FOR_PLACE = {
    "foster_care": "Looked After Children",
    "childrens_home": "Looked After Children",
    "family_with_social_worker": "Referral Assessment and Intervention",
    "protection_plan": "Child Protection and Court Proceedings",
    "care_leaver": "Care Leavers",
    "adoption": "Adoption and Permanency",
    "not_sure": None,
}

ADVOCATES = {
    "none": _l("No, I do not want an advocate"),
    "independent": _l("Yes, an independent advocate"),
    "crs": _l("Yes, an advocate from the Children's Rights Service"),
    "own_choice": _l("Yes, someone I choose, like a relative, friend or teacher"),
    "not_sure": _l("I'm not sure yet"),
}
ADVOCATE_HINTS = {
    "independent": _l("Someone who does not work for the council."),
    "crs": _l("Someone from our own team who is not part of your social work team."),
    "not_sure": _l("That is fine. We can talk about it with you."),
}

# An advocacy request: which advocate (no "No": asking for one is the request). The stored values are
# the complaint question's, so staff read both alike.
ADVOCATE_CHOICES = {
    "independent": _l("An independent advocate"),
    "crs": _l("An advocate from the Children's Rights Service"),
    "own_choice": _l("An advocate of my choosing, like a relative, friend or teacher"),
    "not_sure": _l("I do not mind, or I'm not sure"),
}
ADVOCATE_CHOICE_HINTS = {
    "independent": _l("Someone who does not work for the council."),
    "crs": _l("Someone from our own team who is not part of your social work team."),
    "not_sure": _l("We will find someone and talk about it with you."),
}
ADVOCATE_GENDERS = {
    "woman": _l("A woman"),
    "man": _l("A man"),
    "no_preference": _l("I do not mind"),
}

CONTACT_METHODS = {
    "phone": _l("Phone call"),
    "text": _l("Text message"),
    "email": _l("Email"),
    "post": _l("Letter"),
    "worker": _l("Through a worker or carer I trust"),
    "none": _l("Do not contact me. I will check here."),
}

YES_NO = {"yes": _l("Yes"), "no": _l("No")}

GENDERS = {
    "female": _l("Girl or woman"),
    "male": _l("Boy or man"),
    "other": _l("In another way"),
    "refused": _l("I'd rather not say"),
}

# The Department for Education's ethnicity codes for children's social care, in plain words.
# NOBT ("not yet obtained") is what an unanswered question means; it is not offered.
ETHNICITIES = {
    "WBRI": _l("White: English, Welsh, Scottish, Northern Irish or British"),
    "WIRI": _l("White: Irish"),
    "WIRT": _l("White: Irish Traveller"),
    "WROM": _l("White: Gypsy or Roma"),
    "WOTH": _l("White: any other White background"),
    "MWBC": _l("Mixed: White and Black Caribbean"),
    "MWBA": _l("Mixed: White and Black African"),
    "MWAS": _l("Mixed: White and Asian"),
    "MOTH": _l("Mixed: any other mixed background"),
    "AIND": _l("Asian or Asian British: Indian"),
    "APKN": _l("Asian or Asian British: Pakistani"),
    "ABAN": _l("Asian or Asian British: Bangladeshi"),
    "AOTH": _l("Asian or Asian British: any other Asian background"),
    "BCRB": _l("Black or Black British: Caribbean"),
    "BAFR": _l("Black or Black British: African"),
    "BOTH": _l("Black or Black British: any other Black background"),
    "CHNE": _l("Chinese"),
    "OOTH": _l("Any other ethnic group"),
    "REFU": _l("I'd rather not say"),
}

UAS = {
    "yes": _l("Yes"),
    "no": _l("No"),
    "refused": _l("I'd rather not say"),
}
