# Những câu trợ lý nói ngoài các intent. Sửa chữ ở bên phải dấu "=".
# Biến trong ngoặc nhọn, ví dụ { $province }, được điền tự động.

welcome =
    Xin chào! Tôi là Trợ lý số, trợ lý tự động (không phải người thật) của tỉnh { $province }.
    Tôi trả lời về chuyển đổi số, dịch vụ công trực tuyến, VNeID, số điện thoại khẩn cấp và cách phòng lừa đảo trên mạng. Cứ gõ câu hỏi, có dấu hay không dấu đều được.
automated-note = Đây là trợ lý tự động. Thông tin chỉ để tham khảo; hãy làm thủ tục trên trang chính thức.
fallback =
    Xin lỗi, tôi chưa hiểu câu hỏi này hoặc nó nằm ngoài phạm vi của tôi.
    Tôi có thể giúp về: chuyển đổi số và xã hội số, công dân số, dịch vụ công trực tuyến và VNeID, an toàn trên mạng và chống lừa đảo.
    Bạn thử hỏi lại ngắn gọn hơn, hoặc chọn một chủ đề bên dưới.
fallback-empty = Bạn hãy gõ câu hỏi bằng chữ nhé, ví dụ: "chuyển đổi số là gì".
clarify-intro = Bạn muốn hỏi điều nào dưới đây? Bấm chọn hoặc gõ số thứ tự:
tip-prefix = Mẹo:
links-prefix = Trang chính thức:
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
welcome-privacy = Tôi lưu rất ít về bạn. Gõ "quyền riêng tư" để xem tôi lưu gì, "trợ giúp" để xem tôi giúp được gì.
help =
    Bạn cứ hỏi bằng lời của mình về các chủ đề bên dưới. Bạn cũng có thể gõ:
    • "đăng ký nhận tin": nhận thông báo của chính quyền (gõ "hủy" để ngừng)
    • "ngôn ngữ": chọn Tiếng Việt hoặc English
    • "quyền riêng tư": trợ lý lưu gì về bạn
    • "xóa dữ liệu": xóa mọi dữ liệu trợ lý lưu về bạn
    Các lệnh /subscribe, /lang, /privacy, /xoadulieu cũng dùng được.
unknown-command = Tôi không biết lệnh này. Gõ "trợ giúp" để xem tôi giúp được gì, hoặc cứ gõ câu hỏi của bạn.
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
    Trợ lý lưu về bạn: kênh (Zalo, Telegram hay web), mã cuộc trò chuyện, ngôn ngữ, chủ đề bạn đăng ký nhận tin và lúc bạn đồng ý, lần cuối bạn nhắn. Không lưu tên hay số điện thoại.
    Câu hỏi vừa rồi (đã che số điện thoại, số giấy tờ, số tài khoản) giữ { $sessionMinutes } phút để bạn góp ý 👍/👎. Câu hỏi trợ lý chưa trả lời được giữ không kèm mã của bạn để cán bộ cải thiện, tự xóa sau { $inboxDays } ngày. Mã tin nhắn đã nhận giữ { $seenHours } giờ để không trả lời hai lần.
    Nếu không đăng ký nhận tin, dữ liệu của bạn tự xóa { $userDays } ngày sau lần nhắn cuối. Gõ "xóa dữ liệu" để xóa tất cả ngay.
delete-confirm = Bạn có chắc muốn xóa mọi dữ liệu trợ lý lưu về bạn (ngôn ngữ, đăng ký nhận tin)? Trả lời "có" để xóa, "không" để giữ lại.
deleted = Đã xóa mọi dữ liệu về bạn. Nếu bạn nhắn tiếp, tôi sẽ bắt đầu lại từ đầu.
delete-cancelled = Đã giữ nguyên dữ liệu của bạn.
slow-down = Bạn nhắn hơi nhanh. Vui lòng chờ vài giây rồi gửi tiếp nhé.
text-only = Hiện tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi nhé.
numbered-suggestions = Gõ số để hỏi tiếp:
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
feedback-zalo = Hữu ích không? Gửi 👍 hoặc 👎.
feedback-thanks = Cảm ơn bạn đã góp ý!
feedback-sorry = Cảm ơn bạn. Câu hỏi đã được chuyển cho cán bộ để trợ lý trả lời tốt hơn.
button-helpful = 👍 Hữu ích
button-unhelpful = 👎 Chưa hữu ích

# Câu trả lời dài: phần chi tiết khi người dân bấm "Xem thêm"
button-more = Xem thêm

# Kiểm tra lừa đảo: khi người dân gửi một đường link, số điện thoại hay tin nhắn (danh sách ở intents/_kiem-tra-lua-dao.yaml)
scam-official-link = Đây là địa chỉ chính thức của { $name }.
scam-official-gov = Đây là tên miền .gov.vn, dành cho cơ quan nhà nước.
scam-official-number = { $number } là số chính thức: { $name }.
scam-official-caution-url = Hãy xem kỹ từng ký tự của địa chỉ, và tốt nhất là tự gõ địa chỉ vào trình duyệt thay vì bấm link được gửi tới. Dù là trang hay số chính thức, đừng đưa mã OTP, mật khẩu cho ai và đừng chuyển tiền theo lời người gọi điện.
scam-official-caution-phone = Khi cần, hãy tự bấm số này để gọi. Nếu có người gọi tới xưng là cơ quan nhà nước, đừng đưa mã OTP, mật khẩu và đừng chuyển tiền theo lời họ.
scam-warning-url = ⚠️ Cảnh báo: đường link này có dấu hiệu lừa đảo.
scam-warning-phone = ⚠️ Cảnh báo: số điện thoại này có dấu hiệu lừa đảo.
scam-warning-message = ⚠️ Cảnh báo: tin nhắn này có dấu hiệu lừa đảo.
scam-unknown-url = Tôi chưa thấy dấu hiệu lừa đảo rõ ràng ở đường link này, nhưng như vậy chưa có nghĩa là an toàn.
scam-unknown-phone = Tôi chưa thấy dấu hiệu lừa đảo rõ ràng ở số điện thoại này, nhưng như vậy chưa có nghĩa là an toàn.
scam-unknown-message = Tôi chưa thấy dấu hiệu lừa đảo rõ ràng trong tin nhắn này, nhưng như vậy chưa có nghĩa là an toàn.
scam-signals-intro = Dấu hiệu:
scam-notes-intro = Lưu ý:
scam-verify = Để kiểm tra thêm: tra cứu trang web trên Tín nhiệm mạng (tinnhiemmang.vn), và hỏi lại người hoặc cơ quan đó qua số điện thoại bạn đã biết từ trước.
scam-actions =
    Bạn nên làm gì:
    - Không bấm link, không trả lời tin nhắn; nếu đang nghe máy thì cúp máy.
    - Không chuyển tiền, không đưa mã OTP hay mật khẩu, không cài ứng dụng từ link.
    - Muốn biết thật hay giả, hãy tự gọi lại cho người hoặc cơ quan đó qua số bạn đã biết từ trước.
scam-report =
    Báo cáo:
    - Tin nhắn rác, lừa đảo: nhắn { $cu_phap_tin_nhan_rac } tới { $so_tin_nhan_rac } (miễn phí).
    - Cuộc gọi rác, lừa đảo: nhắn { $cu_phap_cuoc_goi_rac } tới { $so_tin_nhan_rac }, hoặc gọi/nhắn tin tới { $so_bao_cuoc_goi_rac }.
    - Trang web lừa đảo: kiểm tra và báo cáo trên { $web_tin_nhiem_mang }.
    - Bị đe dọa hoặc đã bị lấy tiền: gọi Công an { $so_cong_an }.
scam-link-tinnhiemmang = Tín nhiệm mạng – Danh sách website lừa đảo
scam-link-thongbaorac = Phản ánh tin nhắn rác, cuộc gọi rác
scam-gov-name = một cơ quan nhà nước (tên miền .gov.vn)
scam-signal-reported = Tên miền này đã có trong danh sách cảnh báo lừa đảo.
scam-signal-lookalike = Tên miền bắt chước địa chỉ của { $name } nhưng không phải địa chỉ chính thức.
scam-signal-homoglyph = Tên miền dùng chữ cái trông giống chữ thường nhưng khác (ví dụ chữ "е" tiếng Nga thay cho "e"): một mánh giả mạo.
scam-signal-ip-host = Link dẫn tới một dãy số (địa chỉ IP) thay vì tên miền, điều hay gặp ở trang giả mạo.
scam-signal-shortener = Link rút gọn che mất địa chỉ thật của trang.
scam-signal-app-download = Link tải thẳng tệp cài ứng dụng (.apk, .ipa) ngoài kho ứng dụng chính thức.
scam-signal-userinfo = Link có phần "…@" trước tên miền để đánh lừa mắt: trang thật là phần sau dấu @.
scam-signal-idn = Tên miền có chữ có dấu hoặc ký tự đặc biệt: hãy xem thật kỹ.
scam-signal-plain-http = Link không dùng kết nối bảo mật (http, không phải https).
scam-signal-many-subdomains = Địa chỉ có nhiều tầng tên miền phụ, hay dùng để giấu tên miền thật.
scam-signal-abused-tld = Đuôi tên miền thuộc loại hay bị kẻ gian dùng.
scam-signal-credential-path = Địa chỉ có chữ như "đăng nhập", "xác thực", "login", hay gặp ở trang lừa lấy mật khẩu.
scam-signal-foreign-number = Số nước ngoài (mã quốc gia không phải +84).
scam-signal-premium-rate = Đầu số dịch vụ 1900: gọi tới có thể bị tính cước cao.
scam-signal-impersonation = Người gọi hoặc tin nhắn tự xưng là cơ quan, ngân hàng hay công ty. Công an, Viện kiểm sát, Tòa án không giải quyết vụ việc qua điện thoại và không yêu cầu chuyển tiền.
scam-signal-urgency = Thúc giục gấp gáp, đặt hạn chót.
scam-signal-account-lock = Dọa khóa tài khoản, khóa sim hay cắt dịch vụ.
scam-signal-prize-fee = Báo trúng thưởng, quà tặng hay hoàn tiền, thường kèm đòi phí.
scam-signal-otp-request = Đòi mã OTP hoặc mật khẩu: không ai có lý do chính đáng để hỏi mã này.
scam-signal-install-app = Bảo cài ứng dụng hoặc cấp quyền cho ứng dụng.
scam-signal-easy-job = Mời việc nhẹ lương cao, làm nhiệm vụ hay đầu tư lãi cao.
scam-signal-legal-threat = Dọa dính vụ án, lệnh bắt, giấy triệu tập, rửa tiền.
scam-signal-money-transfer = Đòi chuyển tiền, đặt cọc hay nộp tiền.
scam-signal-personal-data = Đòi ảnh căn cước, thông tin thẻ hay dữ liệu khuôn mặt.
scam-signal-verify-request = Đòi cập nhật hay xác thực thông tin qua link hoặc tin nhắn.
scam-signal-loan = Mời vay tiền nhanh, dễ dàng.
scam-signal-link-click = Giục bấm vào đường link.
