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
