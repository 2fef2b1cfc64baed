"""What turns records into pages: fingerprinted assets (``assets``), cached GOV.UK component markup
(``components``), the htmx request helpers (``htmx``) and the words staff and young people see for
stored keys (``labels``). The template set-up that wires them in is ``portal.templating``."""
