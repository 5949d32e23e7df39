"""Email drafts: written with the person's profile, kept with the conversation, handed over.

Nothing here sends mail: a draft becomes an ``.eml`` file, a ``mailto:`` link, a Gmail draft
or a message in an IMAP Drafts folder, and the person sends it from their mail program. The
package is Qt-free and cheap to import (the Google client and ``imaplib`` load on use). The GUI,
the CLI, the slash command and the agent's tools all go through
:class:`desktop_assistant.mail.service.MailService`, built by
:func:`desktop_assistant.mail.service.open_mail`.
"""
