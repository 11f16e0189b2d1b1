"""A request body larger than any form of the site takes is refused before it is read."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class RequestBodyLimit(FileUploadHandler):
    """Listed first in FILE_UPLOAD_HANDLERS: Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count
    the files of a multipart body, so without this a body of any size is spooled to disk."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.REQUEST_BODY_MAX_BYTES:
            raise RequestDataTooBig("The request body is larger than any form takes.")

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
