# Những câu trợ lý nói ngoài các intent. Sửa chữ ở bên phải dấu "=".
# Biến trong ngoặc nhọn, ví dụ { $province }, được điền tự động.

welcome =
    Xin chào! Tôi là Trợ lý số, một trợ lý tự động (không phải người thật) của tỉnh { $province }.
    Tôi trả lời câu hỏi về chuyển đổi số, công dân số, dịch vụ công trực tuyến, VNeID và cách an toàn trên mạng.
    Bạn cứ gõ câu hỏi, có dấu hay không dấu đều được.
automated-note = Đây là trợ lý tự động. Thông tin chỉ để tham khảo; hãy làm thủ tục trên trang chính thức.
fallback =
    Xin lỗi, tôi chưa hiểu câu hỏi này hoặc nó nằm ngoài phạm vi của tôi.
    Tôi có thể giúp về: chuyển đổi số và xã hội số, công dân số, dịch vụ công trực tuyến và VNeID, an toàn trên mạng và chống lừa đảo.
    Bạn thử hỏi lại ngắn gọn hơn, hoặc chọn một chủ đề bên dưới.
fallback-empty = Bạn hãy gõ câu hỏi bằng chữ nhé, ví dụ: "chuyển đổi số là gì".
clarify-intro = Bạn muốn hỏi điều nào dưới đây? Bấm chọn hoặc gõ số thứ tự:
tip-prefix = Mẹo:
links-prefix = Xem thêm:
source-prefix = Nguồn:
choice-expired = Lựa chọn này đã hết hạn, bạn hãy gõ lại câu hỏi nhé.
error-generic = Xin lỗi, trợ lý đang gặp sự cố. Bạn hãy thử lại sau ít phút.

# Trang trò chuyện trên web
page-title = Trợ lý số: hỏi đáp chuyển đổi số và dịch vụ công
page-heading = Trợ lý số
page-subtitle = Hỏi đáp về chuyển đổi số, dịch vụ công trực tuyến và an toàn trên mạng
input-label = Câu hỏi của bạn
input-placeholder = Gõ câu hỏi, ví dụ: nộp hồ sơ trực tuyến thế nào?
send-button = Gửi
suggestions-label = Gợi ý câu hỏi
user-said = Bạn
bot-said = Trợ lý

# Lệnh (giống nhau trên Zalo, Telegram và web)
welcome-privacy = Tôi chỉ lưu những gì cần để phục vụ bạn và không lưu nội dung tin nhắn (gõ /privacy để xem). Gõ /help để xem các lệnh.
help =
    Bạn cứ hỏi bằng lời của mình về các chủ đề bên dưới. Các lệnh:
    /subscribe (đăng ký nhận tin): nhận thông báo của chính quyền, có thể chọn chủ đề
    /unsubscribe (hủy): ngừng nhận tin
    /lang (ngôn ngữ): Tiếng Việt hoặc English
    /privacy (quyền riêng tư): trợ lý lưu gì về bạn
    /xoadulieu (xóa dữ liệu): xóa mọi dữ liệu về bạn
unknown-command = Tôi không biết lệnh này. Gõ /help để xem các lệnh, hoặc cứ gõ câu hỏi của bạn.
subscribed =
    Bạn đã đăng ký nhận tin: { $topics }.
    Bạn có thể chọn thêm chủ đề bên dưới. Muốn ngừng, gõ /unsubscribe hoặc "hủy" bất cứ lúc nào.
subscribe-unknown-topic = Không có chủ đề "{ $topic }". Các chủ đề: { $topics }.
subscribe-not-here = Nhận tin chỉ có trên Zalo và Telegram, vì trang web không gửi tin được cho bạn. Bạn vẫn có thể hỏi tôi ở đây.
unsubscribed = Bạn đã ngừng nhận tin: { $topics }. Bạn có thể đăng ký lại bằng /subscribe.
not-subscribed = Bạn chưa đăng ký nhận tin nào. Gõ /subscribe để đăng ký.
lang-choose = Chọn ngôn ngữ / Choose a language:
lang-set = Từ giờ tôi trả lời bằng Tiếng Việt.
privacy =
    Trợ lý số lưu rất ít về bạn: kênh (Zalo, Telegram hoặc web), mã cuộc trò chuyện, ngôn ngữ, các chủ đề bạn đăng ký nhận tin kèm thời điểm bạn đồng ý, lần cuối bạn nhắn, và bạn có chặn trợ lý hay không.
    Trợ lý không lưu tên hay số điện thoại của bạn. Câu hỏi vừa rồi (đã che số điện thoại, email, số giấy tờ, số tài khoản) được giữ 30 phút để bạn góp ý 👍/👎; câu hỏi trợ lý chưa trả lời được lưu ẩn danh, không kèm mã người dùng, để cán bộ cải thiện trợ lý, và tự xóa sau 90 ngày. Mã của tin nhắn đã nhận được giữ 24 giờ để không trả lời hai lần.
    Nếu bạn đăng ký nhận tin, dữ liệu được giữ đến khi bạn hủy hoặc xóa; nếu không, nó tự xóa 180 ngày sau lần nhắn cuối. Gõ /xoadulieu để xóa tất cả ngay.
delete-confirm = Bạn có chắc muốn xóa mọi dữ liệu trợ lý lưu về bạn (ngôn ngữ, đăng ký nhận tin)? Trả lời "có" để xóa, "không" để giữ lại.
deleted = Đã xóa mọi dữ liệu về bạn. Nếu bạn nhắn tiếp, tôi sẽ bắt đầu lại từ đầu.
delete-cancelled = Đã giữ nguyên dữ liệu của bạn.
slow-down = Bạn nhắn hơi nhanh. Vui lòng chờ vài giây rồi gửi tiếp nhé.
text-only = Hiện tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi nhé.
numbered-suggestions = Gợi ý (gõ số để chọn):
button-delete-yes = Có, xóa hết
button-delete-no = Không, giữ lại
topic-chung = Thông báo chung
topic-chuyen-doi-so = Chuyển đổi số
topic-dia-phuong = Tin địa phương
topic-dich-vu-cong = Dịch vụ công
topic-an-toan-mang = An toàn trên mạng

# Thông báo (chiến dịch) gửi người đăng ký
campaign-footer = Bạn nhận tin này vì đã đăng ký. Để ngừng nhận, trả lời "hủy".

# Gửi thông báo ngay trong khung chat (chỉ cán bộ trong ADMIN_TELEGRAM_IDS / ADMIN_ZALO_IDS)
broadcast-ask-text = Gửi cho tôi nội dung thông báo (tiếng Việt, tối đa 1800 ký tự). Gõ "bỏ" để thôi.
broadcast-preview-intro = Người đăng ký sẽ nhận được đúng như sau:
broadcast-confirm = Sẽ gửi tới { $count } người đăng ký. Gửi ngay không?
broadcast-started = Đã bắt đầu gửi tới { $count } người. Xem tiến độ và tải báo cáo trong bảng điều khiển /admin.
broadcast-cancelled = Đã bỏ, không gửi gì cả.
broadcast-too-long = Nội dung dài quá 1800 ký tự; hãy gửi bản ngắn hơn.
button-broadcast-send = Gửi ngay
button-broadcast-cancel = Bỏ

# Góp ý về câu trả lời
feedback-question = Câu trả lời có hữu ích không?
feedback-zalo = Câu trả lời có hữu ích không? Gửi 👍 hoặc 👎.
feedback-thanks = Cảm ơn bạn đã góp ý!
feedback-sorry = Cảm ơn bạn. Câu hỏi đã được chuyển cho cán bộ để trợ lý trả lời tốt hơn.
button-helpful = 👍 Hữu ích
button-unhelpful = 👎 Chưa hữu ích
feedback-expired = Phần góp ý cho câu trả lời này đã hết hạn. Cảm ơn bạn! Nếu cần, bạn hãy hỏi lại nhé.
