"""Open311 GeoReport v2 field names, and ours (marked `x-echo-kiosk-extension` in the OpenAPI
document), as the kiosk sends and reads them and the centre reads and sends them.

Spelled once here: a field renamed on one side only would be a report that silently loses a part.
"""

from __future__ import annotations

# GeoReport v2: a request (POST /requests.json, GET /requests.json) and a service.
SERVICE_CODE = "service_code"
SERVICE_NAME = "service_name"
SERVICE_REQUEST_ID = "service_request_id"
DESCRIPTION = "description"
STATUS = "status"
STATUS_NOTES = "status_notes"
AGENCY_RESPONSIBLE = "agency_responsible"
SERVICE_NOTICE = "service_notice"
REQUESTED_DATETIME = "requested_datetime"
UPDATED_DATETIME = "updated_datetime"
EXPECTED_DATETIME = "expected_datetime"
ADDRESS = "address"
ADDRESS_ID = "address_id"
ZIPCODE = "zipcode"
LAT = "lat"
LONG = "long"
MEDIA_URL = "media_url"
DEVICE_ID = "device_id"
ATTRIBUTE = "attribute"  # form fields `attribute[code]`; JSON {"attribute": {code: [...]}}
TOKEN = "token"
ACCOUNT_ID = "account_id"
KEYWORDS = "keywords"
GROUP = "group"
API_KEY = "api_key"
JURISDICTION_ID = "jurisdiction_id"
EXTENDED_ATTRIBUTES = "extended_attributes"

# Ours (extensions).
TICKET_CODE = "ticket_code"
PHONE = "phone"
PHRASES = "phrases"  # the attribute holding the preset phrase numbers
RESIDENTS = "residents"
JOINED_DATETIME = "joined_datetime"
RATING = "rating"
RATED_DATETIME = "rated_datetime"
DETAILED_STATUS = "detailed_status"  # in extended_attributes: open, in_progress, closed
CLOSED_DATETIME = "closed_datetime"  # in extended_attributes
UPDATED_AFTER = "updated_after"  # the changes feed's cursor parameter
PAGE_SIZE = "page_size"

# Closing the loop in the resident's language (issue 17). The kiosk sends with a new ticket the
# language the resident used and the receipt's secret; the centre keeps only the secret's digest
# (kiosk.domain.ticket_secret) and opens the public status page only to `?k=<secret>`.
LANG = "lang"  # POST /requests.json: zh or ug, the language of the kiosk when the ticket was made
TICKET_SECRET = "ticket_secret"  # POST /requests.json: the secret printed in the receipt's QR
ANSWERS = "answers"  # in extended_attributes: {lang: the staff answer in that language}
SUMMARIES = "summaries"  # in extended_attributes: {lang: the Echo Wall summary in that language}
STATUS_SECRET = "k"  # the status page's query parameter carrying the ticket secret
STATUS_LANG = "lang"  # the status page's query parameter choosing the page's language
# A kiosk's reads (services, the changes feed, one ticket) carry its key in this header (a GET has
# no form body, and a key in the query would end up in access logs). Without a valid key the centre
# answers only what the Echo Wall publishes, with no kiosk or place identifiers.
API_KEY_HEADER = "X-Api-Key"
