"""Casework operations: the only writers of case state, one module per part of the procedure.

Each operation checks the rule in ``portal.procedure`` (which refuses illegal moves and changes
nothing), writes the change and its audit event, and commits them in one transaction, so nothing is
half-done after a crash. Views call these; they never set case columns themselves.

``common`` holds what they all share (``CaseworkError``, ``record_event``); the others are named for
the part of the procedure or casework they serve (``triage``, ``stage1``, ``stage2``, ``stage3``,
``appointments``, ``ombudsman``, ``enquiries``, ``learning``, ``restrictions``, ``documents``,
``language_support``, ``advocacy``, ``import_format`` …). Import the module you need; this package
imports none of them, so loading one never loads the rest.
"""
