"""What one request may use, and the Chinese answer when it asks for more.

Every refusal is an HTTP status and one sentence that tells a clerk what to
do; the server itself stays up. The numbers are defaults for a county
intranet machine; `lzlint serve` options change them.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 20 * MB  # one uploaded draft
    request_bytes: int = 100 * MB  # the whole multipart body
    files: int = 20  # drafts in one request
    seconds: float = 60.0  # from the start of reading the body to the answer
    workers: int = 2  # checks running at once (processes)
    queue: int = 8  # requests waiting for a worker; more get 503
    # Memory (data segment) of one worker process: a ZIP bomb (a small .docx that
    # unpacks to gigabytes) fails in its worker instead of exhausting the machine.
    # A warm worker uses well under 100 MB.
    worker_bytes: int = 1024 * MB
    retry_after: int = 5  # seconds a refused client is told to wait


class Refusal(Exception):
    """A request refused whole: its status, its Chinese message, and for 503 how long to wait.

    A plain exception rather than a frozen dataclass: Python and contextlib
    set attributes (__traceback__) on exceptions as they travel.
    """

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def megabytes(n: int) -> str:
    return f"{n / MB:g} MB"


def file_too_large(name: str, limits: Limits) -> Refusal:
    return Refusal(413, f"文件“{name}”超过单个文件 {megabytes(limits.file_bytes)} 的上限，请压缩图片或拆分后再上传。")


def unpacks_too_large(name: str, limits: Limits) -> str:
    return f"{name}: 解压后超过单次检查 {megabytes(limits.worker_bytes)} 的内存上限（可能是压缩炸弹或损坏的文件），未检查。"


def request_too_large(limits: Limits) -> Refusal:
    return Refusal(413, f"本次上传合计超过 {megabytes(limits.request_bytes)} 的上限，请分几次上传。")


def too_many_files(limits: Limits) -> Refusal:
    return Refusal(413, f"一次最多检查 {limits.files} 个文件，请分几次上传。")


def no_files() -> Refusal:
    return Refusal(400, "没有收到文件：请选择要检查的报告（字段名 files）。")


def bad_form() -> Refusal:
    return Refusal(400, "上传内容无法识别：请以 multipart/form-data 方式提交，文件放在 files 字段。")


def bad_year() -> Refusal:
    return Refusal(400, "报告年度应为 1990 到 2100 之间的四位年份，例如 2024；不确定时请留空。")


def busy(limits: Limits) -> Refusal:
    return Refusal(503, f"服务器正忙，排队已满，请 {limits.retry_after} 秒后再试。", limits.retry_after)


def timed_out(limits: Limits) -> Refusal:
    return Refusal(504, f"检查超过 {limits.seconds:g} 秒仍未完成，已停止等待；请减少一次上传的文件数后再试。")


def failed() -> Refusal:
    return Refusal(500, "检查时出现内部错误，本次上传的文件已删除；请稍后再试，如仍出错请联系管理员。")


def unauthorized() -> Refusal:
    return Refusal(401, "需要访问令牌：请在页面上输入管理员提供的令牌（或在请求头中发送 Authorization: Bearer 令牌）。")


def cross_site() -> Refusal:
    return Refusal(403, "拒绝来自其他网站的提交：请直接在本服务的页面上检查。")


def wrong_host() -> Refusal:
    return Refusal(421, "请求的主机名与本服务不符：请用启动时显示的地址访问。")
