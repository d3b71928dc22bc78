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
