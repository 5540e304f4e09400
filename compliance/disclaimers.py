"""Health disclaimers shown on every product and article page and in the API."""

DEFAULT_DISCLAIMER = (
    "These statements are for general information and are not medical advice. "
    "Our drops are herbal products: they are not intended to diagnose, treat, cure or "
    "prevent any disease. Results vary from person to person. If you are pregnant, "
    "breastfeeding, taking medicine or have a medical condition, or if symptoms persist "
    "or get worse, talk to a doctor or another qualified healthcare professional."
)

SEE_A_PROFESSIONAL = (
    "For sudden, severe or long-lasting pain, or pain with numbness, weakness, fever or "
    "loss of bladder or bowel control, see a healthcare professional promptly."
)
