"""Merge-field syntaxes, shared by the unfilled-placeholder rule and the NLP features."""

import re

# Merge-field syntaxes: Jinja/Mustache, Salesforce, Mailchimp, Outreach/HubSpot, shell-style, brackets.
PLACEHOLDER_RE = re.compile(
    r"""
    \{\{\{?\s*[^{}\n]{1,60}?\s*\}?\}\}             # {{ first_name }}  {{{x}}}
  | \{![\w.]{1,60}\}                            # {!Contact.FirstName}
  | \*\|[A-Za-z0-9_:]{1,40}\|\*                  # *|FNAME|*
  | %[A-Za-z][A-Za-z0-9_]{1,40}%                 # %FIRSTNAME%
  | \$\{\s*[A-Za-z_][\w.]{0,40}\s*\}            # ${first_name}
  | \{\s*[A-Za-z_][\w .-]{0,40}?\s*\}            # {first_name}
  | <<\s*[A-Za-z_][\w .-]{0,40}\s*>>             # <<Company>>
  | \[\s*(?:[A-Z][\w.'/-]*(?:\s+[\w.'/-]+){0,4}|(?:insert|your|add|enter|recipient|candidate|first|last|company|name|role|title|link)\b[^\]\n]{0,40})\s*\](?!\()   # [Name] [insert role]
  | <\s*[A-Z][\w-]*(?:\s+[\w-]+){0,3}\s*>        # <Company>  <First Name>
  | \b__[A-Z][A-Z0-9_]{1,40}__\b                 # __NAME__
  | \bX{3,}\b                                   # XXX
    """,
    re.X,
)
# Bracketed text that is prose, not a merge field.
NOT_PLACEHOLDER = re.compile(r"^\[(?:sic|edit|EDIT|Sic|[0-9]+|x|X| )\]$")
