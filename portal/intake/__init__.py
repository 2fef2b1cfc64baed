"""What the public front door does, beneath its pages (``portal.public``): the questions a journey asks
(``answers``), references and tracking codes (``codes``), drafts and sending a submission
(``submissions``), and the tracking page's checks and requests (``tracking``).

No module here imports the web layer; a test holds it. This package imports none of its modules, so
loading one never loads the rest.
"""
