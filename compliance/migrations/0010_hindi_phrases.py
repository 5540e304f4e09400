"""Hindi restricted phrases: the English list's claims as Hindi shoppers read them.

Each row mirrors an English one, blocked or warned as it is, for the same reason: cure,
guarantee, 100%, no side effects, miracle (with magic, and रामबाण, the "sure remedy"),
permanent relief, treating a disease of the Act's Schedule, and the warned speed,
clinical, safety and doctor claims.
As in the English list a disease is blocked only with a claim to treat, cure or prevent
it, and "100%" ("सौ प्रतिशत") only with a word of efficacy ("सौ प्रतिशत शुद्ध" passes).

The patterns are matched against folded text (``core.text.fold_for_matching``): nukta
dropped (ज़ reads as ज, so "ख़त्म" and "खत्म" are one word), chandrabindu read as anusvara,
invisible characters removed; ``\\b`` and ``\\w`` count vowel signs and virama as parts of
a word (``compliance.claims.compile_words``). So a nukta written in a pattern below is
for the reader: it is folded away like the text's.

Sources: the Drugs and Magic Remedies (Objectionable Advertisements) Act, 1954, s. 3 and
its Schedule (treating the diseases listed), s. 4 (false or misleading claims about a
drug) and s. 5 (magic remedies); the Drugs Rules, 1945 (0002's "Drugs and Cosmetics
Rules, 1945"), r. 170 (advertisements of Ayurvedic, Siddha and Unani drugs; kept in force
by the Supreme Court's order of 27 August 2024); the Consumer Protection Act, 2019 with the
CCPA's Guidelines for Prevention of Misleading Advertisements, 2022; the ASCI Code.

A phrase is created only where no row has it; reversing deletes these phrases.
"""

from django.db import migrations

DMR = "Drugs and Magic Remedies (Objectionable Advertisements) Act, 1954"
R170 = "Drugs Rules, 1945, r. 170"
CCPA = "Consumer Protection Act, 2019, s. 2(28); CCPA Misleading Advertisements Guidelines, 2022"
ASCI = "ASCI Code, Chapter I (truthful, substantiated claims)"

# The diseases of the English list (0002's DISEASES), as Hindi writes them.
DISEASES = (
    r"(?:गठिया|आर्थराइटिस|आमवात|कैंसर|मधुमेह|डायबिटीज़|डायबिटीस|शुगर\s+की\s+बीमारी|मोटाप[ाे]|"
    r"मिर्गी|लकव[ाे]|पक्षाघात|दम[ाे]|अस्थमा|हृदय\s+रोग|दिल\s+की\s+बीमारी|उच्च\s+रक्तचाप|"
    r"हाई\s+(?:ब्लड\s+प्रेशर|बीपी)|बांझपन|अवसाद|डिप्रेशन|चिंता\s+विकार|अनिद्रा|अल्सर|आईबीएस|"
    r"साइटिका|गृध्रसी|स्लिप(?:्ड)?\s+डिस्क)(?:ों)?"
)
# Words that may stand between a disease and its treatment: "गठिया का प्राकृतिक इलाज".
HOW = r"(?:(?:प्राकृतिक|आयुर्वेदिक|हर्बल|स्थायी|पूर्ण|संपूर्ण|सफल|पक्का|जड़\s+से|पूरी\s+तरह(?:\s+से)?)\s+)?"
SIDE_EFFECTS = r"(?:साइड\s*इफ़[ेै]क्ट(?:्स|स)?|दुष्प्रभाव(?:ों)?|पार्श्व\s*प्रभाव|side\s*effects?)"
EFFICACY = r"(?:असर|प्रभाव|कारगर|परिणाम|रिजल्ट|नतीज|सफल|फ़ायद|लाभ|इलाज|आराम|राहत)\w*"
PERCENT = r"(?:100|१००|\bसौ)\s*(?:%|प्रतिशत|फ़ीसदी|फ़ीसद|परसेंट)\s*"

PHRASES = [
    # phrase, label, severity, reason, rule, suggestion
    (
        r"\b(?:इलाज(?:ों)?|क्योर)\b|\bठीक\s+कर\s+(?:देता|देती|देते|देगा|देगी|देंगे)\b"
        r"|\bरोग\s*मुक्(?:त|ति)\b",
        "इलाज, इलाजों, क्योर; ठीक कर देता, देती, देगा…; रोग मुक्त, रोगमुक्त (cure)",
        "block",
        "Herbal products may not claim to cure a disease or condition.",
        f"{DMR}, ss. 3 and 4; {R170}",
        "\u201cआराम दिलाने में मदद कर सकता है\u201d (may help relieve) या \u201cसहायक\u201d "
        "(supports); इलाज के लिए \u201cडॉक्टर से सलाह लें\u201d.",
    ),
    (
        r"\b(?:गार(?:ं|न्|ण्)टी(?:ड|शुदा)?|गारंटेड|गैरंटी|अचूक)\b"
        r"|\bपक्(?:का|की|के)\s+(?:असर|फ़ायदा|लाभ|राहत|आराम|इलाज|परिणाम|नतीजा|नतीजे)\b"
        r"|\b(?:असर|फ़ायदा|आराम|राहत)\s+पक्का\b",
        "गारंटी, गारंटीड, गारन्टी; अचूक; पक्का असर, पक्का फ़ायदा, पक्की राहत… (guaranteed)",
        "block",
        "Results cannot be guaranteed; promising them misleads shoppers.",
        f"{DMR}, s. 4; {CCPA}",
        "लोग आम तौर पर क्या महसूस करते हैं, वह लिखें, जैसे \u201cकई लोगों को लगता है\u201d "
        "(many people find).",
    ),
    (
        PERCENT + EFFICACY,
        "100% असरदार, सौ प्रतिशत असरदार, 100% परिणाम, सौ फ़ीसदी फ़ायदा… (100% effective)",
        "block",
        "No health product is effective for everyone.",
        f"{DMR}, s. 4; {CCPA}",
        "\u201cमदद कर सकता है\u201d (may help), और किसमें.",
    ),
    (
        rf"\bकोई(?:\s+भी)?\s+{SIDE_EFFECTS}\s+(?:नहीं|न|ना)\b"
        rf"|\b{SIDE_EFFECTS}\s+(?:नहीं|न)\s+(?:होता|होती|होते|है|हैं)\b"
        rf"|\b(?:नो|ज़ीरो|शून्य|बिना(?:\s+किसी)?)\s+{SIDE_EFFECTS}"
        rf"|\b{SIDE_EFFECTS}\s*(?:रहित|मुक्त|फ्री)\b",
        "कोई साइड इफेक्ट/दुष्प्रभाव नहीं; साइड इफेक्ट नहीं होते; बिना (किसी) साइड इफेक्ट; "
        "ज़ीरो, शून्य या नो साइड इफेक्ट; दुष्प्रभाव रहित, साइड इफेक्ट फ्री (no side effects)",
        "block",
        "Claiming no side effects implies total safety that cannot be supported.",
        f"{DMR}, s. 4; {R170}; {CCPA}",
        "\u201cआम तौर पर अच्छी तरह सहन किया जाता है\u201d (generally well tolerated), "
        "साथ में लागू चेतावनियाँ.",
    ),
    (
        r"\bचमत्कार\w*|\bजादू(?:ई)?\b|\bजादुई\b|\bमैजिक(?:ल)?\b|\bकरिश्म\w*|\bरामबाण\b",
        "चमत्कार, चमत्कारी, चमत्कारिक; जादू, जादुई, मैजिक; करिश्मा, करिश्माई; रामबाण (miracle, magic)",
        "block",
        "Magical or miraculous claims are prohibited; a remedy said to work by magic is a "
        "magic remedy under the Act.",
        f"{DMR}, ss. 4 and 5; {R170}",
        "उत्पाद के बारे में सीधे-सादे शब्दों में लिखें (describe the product plainly).",
    ),
    (
        r"\b(?:स्थायी|परमानेंट)\s+(?:रूप\s+से\s+)?"
        r"(?:राहत|आराम|इलाज|उपचार|समाधान|परिणाम|नतीजे|छुटकारा|मुक्ति|ठीक)"
        r"|\b(?:हमेशा|सदा|सदैव)\s+के\s+लिए\s+(?:\S+\s+){0,2}?"
        r"(?:छुटकारा|राहत|आराम|इलाज|मुक्ति|ठीक|ख़त्म|गायब)"
        r"|\bजड़\s+से\s+(?:ख़त्म|समाप्त|मिटा|ठीक|इलाज|उपचार|दूर|नष्ट|उखाड़)\w*",
        "स्थायी राहत, इलाज या समाधान; हमेशा के लिए छुटकारा या राहत; जड़ से ख़त्म, ठीक या "
        "मिटाए; परमानेंट राहत (permanent relief)",
        "block",
        "Permanent results cannot be promised for any health product.",
        f"{DMR}, ss. 3 and 4; {R170}; {CCPA}",
        "\u201cकुछ समय के लिए आराम\u201d (for temporary relief).",
    ),
    (
        rf"\b{DISEASES}\s+(?:का|के|की)\s+{HOW}(?:इलाज|उपचार|रोकथाम|निवारण|ख़ात्मा|क्योर)",
        "गठिया, मधुमेह, कैंसर, दमा और Schedule के दूसरे रोगों का इलाज, उपचार या रोकथाम "
        "(treats or prevents a disease)",
        "block",
        "Claims to treat or prevent a disease named in the Act's Schedule, or any disease, "
        "make a product an unapproved drug.",
        f"{DMR}, s. 3 and Schedule; {R170}",
        "रोज़मर्रा की वह तकलीफ़ लिखें जिसमें यह आराम दे सकता है, जैसे \u201cजोड़ों की "
        "कभी-कभार की जकड़न के लिए\u201d (for occasional joint stiffness).",
    ),
    (
        rf"\b{DISEASES}\s+(?:को\s+(?:\S+\s+){{0,2}}?(?:ठीक|दूर|ख़त्म|समाप्त|मिटा|रोक|नष्ट|हरा)\w*"
        r"|से\s+(?:\S+\s+)?(?:छुटकारा|मुक्ति|निजात|बचा)\w*|(?:ठीक|ख़त्म|मुक्त)\b)",
        "गठिया, मधुमेह, कैंसर, दमा… को ठीक या दूर करे, से छुटकारा या बचाव, मुक्त "
        "(heals, reverses or prevents a disease)",
        "block",
        "Claims to treat or prevent a disease named in the Act's Schedule, or any disease, "
        "make a product an unapproved drug.",
        f"{DMR}, s. 3 and Schedule; {R170}",
        "रोज़मर्रा की वह तकलीफ़ लिखें जिसमें यह आराम दे सकता है, जैसे \u201cजोड़ों की "
        "कभी-कभार की जकड़न के लिए\u201d (for occasional joint stiffness).",
    ),
    (
        r"\b(?:तुरंत|तुरन्त|फ़ौरन|झटपट|फटाफट|तत्काल|जल्दी|शीघ्र|इंस्टेंट)\s+"
        r"(?:दर्द\s+(?:से\s+)?)?(?:आराम|राहत|असर|परिणाम|नतीजे|रिजल्ट)\w*"
        r"|\bतेज़ी\s+से\s+(?:आराम|राहत|असर)\w*|\bतेज़\s+असर\w*"
        r"|\bमिनटों\s+में\s+(?:आराम|राहत|असर)\w*",
        "तुरंत, फ़ौरन, झटपट या जल्दी आराम, राहत या असर; तेज़ी से असर; मिनटों में आराम (instant relief)",
        "warn",
        "Speed-of-relief claims are efficacy claims: they need competent and reliable "
        "evidence for the product as sold, at the dose on the label.",
        f"{CCPA}; {ASCI}",
        "\u201cकभी-कभार की तकलीफ़ में आराम दिलाने में मदद कर सकता है\u201d (may help ease "
        "occasional discomfort), बिना यह वादा किए कि कितनी जल्दी.",
    ),
    (
        r"\b(?:क्लिनिकली|क्लीनिकली|(?:चिकित्सकीय|वैज्ञानिक|क्लिनिकल)\s+रूप\s+से)\s+"
        r"(?:प्रमाणित|सिद्ध|साबित|प्रूवन)",
        "क्लिनिकली या वैज्ञानिक रूप से प्रमाणित, सिद्ध या साबित (clinically proven)",
        "warn",
        "A clinical claim needs competent and reliable scientific evidence on file.",
        f"{CCPA}; {ASCI}",
        "अध्ययन का हवाला दें, या लिखें \u201cपरंपरागत रूप से … के लिए इस्तेमाल होता है\u201d "
        "(traditionally used for).",
    ),
    (
        PERCENT + r"सुरक्षित"
        r"|\b(?:पूरी\s+तरह(?:\s+से)?|पूर्णतः|पूर्णत|बिल्कुल|बिलकुल|एकदम)\s+सुरक्षित\b"
        r"|\b(?:सभी|सब)\s*के\s+लिए\s+सुरक्षित\b",
        "100% या सौ प्रतिशत सुरक्षित; पूरी तरह, बिल्कुल या एकदम सुरक्षित; सबके लिए सुरक्षित (completely safe)",
        "warn",
        "Safety claims must not hide who should not take the product.",
        f"{CCPA}; {ASCI}",
        "इसके बजाय लिखें कि किसे इसका इस्तेमाल नहीं करना चाहिए (state who should not use it).",
    ),
    (
        r"\b(?:डॉक्टर|चिकित्सक)(?:ों)?\s+(?:द्वारा\s+)?"
        r"(?:प्रमाणित|अनुशंसित|स्वीकृत|रिकमेंडेड|रेकमेंडेड|अप्रूव्ड)",
        "डॉक्टर या डॉक्टरों द्वारा प्रमाणित, अनुशंसित या स्वीकृत; डॉक्टर रिकमेंडेड (doctor recommended)",
        "warn",
        "Endorsement claims need a real, documented endorsement.",
        f"{CCPA}; {ASCI}",
        "समर्थन करने वाले का नाम दें, या दावा हटा दें (name the endorsement, or remove the claim).",
    ),
]


def seed(apps, schema_editor):
    RestrictedPhrase = apps.get_model("compliance", "RestrictedPhrase")
    for phrase, label, severity, reason, rule, suggestion in PHRASES:
        if not RestrictedPhrase.objects.filter(phrase=phrase).exists():
            RestrictedPhrase.objects.create(
                phrase=phrase,
                is_regex=True,
                label=label,
                severity=severity,
                reason=reason,
                rule=rule,
                suggestion=suggestion,
            )


def unseed(apps, schema_editor):
    apps.get_model("compliance", "RestrictedPhrase").objects.filter(
        phrase__in=[row[0] for row in PHRASES]
    ).delete()


class Migration(migrations.Migration):
    # After 0008_return_policy, by way of the Hindi site texts' columns (0009_hindi_texts,
    # which also follows 0008): one line of migrations, not two leaves to merge.
    dependencies = [
        ("compliance", "0009_hindi_texts"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
