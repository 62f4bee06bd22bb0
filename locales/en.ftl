# What the assistant says outside intents, in English.

welcome =
    Hello! I am Trợ lý số, an automated assistant (not a person) of { $province } province.
    I answer questions about digital transformation, digital citizenship, online public services, VNeID and staying safe online.
    Just type your question.
automated-note = This is an automated assistant. Information is for reference; complete procedures on the official sites.
fallback =
    Sorry, I did not understand that, or it is outside what I know.
    I can help with: digital transformation and digital society, digital citizens, online public services and VNeID, online safety and scams.
    Try asking more briefly, or pick a topic below.
fallback-empty = Please type your question in words, for example: "what is digital transformation".
clarify-intro = Which of these did you mean? Tap one or type its number:
tip-prefix = Tip:
links-prefix = Official page:
source-prefix = Source:
choice-expired = That choice has expired; please ask again.
error-generic = Sorry, the assistant has a problem. Please try again in a few minutes.

page-title = Trợ lý số: digital transformation and public services Q&A
page-heading = Trợ lý số
page-subtitle = Questions about digital transformation, online public services and online safety
input-label = Your question
input-placeholder = Type a question, e.g. how do I submit a dossier online?
send-button = Send
suggestions-label = Suggested questions
user-said = You
bot-said = Assistant

welcome-privacy = I keep very little about you. Type "privacy" to see what, or "help" to see what I can do.
help =
    Ask in your own words about the topics below. You can also type:
    • "subscribe": receive announcements from the authorities ("stop" to end)
    • "language": Tiếng Việt or English
    • "privacy": what the assistant keeps about you
    • "delete my data": delete everything kept about you
    The commands /subscribe, /lang, /privacy and /xoadulieu work too.
unknown-command = I do not know that command. Type "help" to see what I can do, or just ask your question.
subscribed =
    You are subscribed to: { $topics }.
    You can add topics below. To stop, type /unsubscribe or "stop" at any time.
subscribe-unknown-topic = There is no topic "{ $topic }". Topics: { $topics }.
subscribe-not-here = Announcements are sent on Zalo and Telegram only; a web page cannot receive them. You can still ask me here.
unsubscribed = You no longer receive: { $topics }. Subscribe again with /subscribe.
not-subscribed = You are not subscribed to anything. Type /subscribe to subscribe.
lang-choose = Chọn ngôn ngữ / Choose a language:
lang-set = From now on I answer in English.
privacy =
    The assistant keeps: the channel (Zalo, Telegram or web), the chat id, your language, the topics you subscribed to with the time you agreed, and when you last wrote. No names or phone numbers.
    Your last question (phone, ID and account numbers masked) is kept { $sessionMinutes } minutes for your 👍/👎. Questions it could not answer are kept without your id so staff can improve it, and deleted after { $inboxDays } days. Ids of received messages are kept { $seenHours } hours so nothing is answered twice.
    If you did not subscribe, your data is deleted { $userDays } days after your last message. Type "delete my data" to delete everything now.
delete-confirm = Delete everything the assistant keeps about you (language, subscriptions)? Reply "yes" to delete, "no" to keep it.
deleted = Everything about you has been deleted. If you write again, we start afresh.
delete-cancelled = Your data is kept as it was.
slow-down = You are writing a little fast. Please wait a few seconds before the next message.
text-only = For now I can only read text messages. Please type your question.
numbered-suggestions = Type a number to ask next:
button-delete-yes = Yes, delete all
button-delete-no = No, keep it
topic-chung = General announcements
topic-chuyen-doi-so = Digital transformation
topic-dia-phuong = Local news
topic-dich-vu-cong = Public services
topic-an-toan-mang = Online safety

campaign-footer = You receive this because you subscribed. To stop, reply "stop".

broadcast-ask-text = Send me the announcement text (Vietnamese, at most 1800 characters). Type "bỏ" to give up.
broadcast-preview-intro = Subscribers will receive exactly this:
broadcast-confirm = This goes to { $count } subscribers. Send now?
broadcast-started = Sending to { $count } people has started. Follow it and download the report in the /admin console.
broadcast-cancelled = Dropped; nothing was sent.
broadcast-too-long = The text is longer than 1800 characters; please send a shorter one.
button-broadcast-send = Send now
button-broadcast-cancel = Drop

feedback-question = Was this helpful?
feedback-zalo = Was this helpful? Send 👍 or 👎.
feedback-thanks = Thank you for your feedback!
feedback-sorry = Thank you. Your question goes to the staff so the assistant can answer it better.
button-helpful = 👍 Helpful
button-unhelpful = 👎 Not helpful

button-more = More details

# Scam check: when someone sends a link, a phone number or a message (lists in intents/_kiem-tra-lua-dao.yaml)
scam-official-link = This is the official address of { $name }.
scam-official-gov = This is a .gov.vn domain, reserved for government bodies.
scam-official-number = { $number } is an official number: { $name }.
scam-official-caution-url = Check every character of the address, and preferably type it into your browser yourself instead of clicking a link someone sent you. Even with an official site or number, never give anyone your OTP or password, and never transfer money because a caller tells you to.
scam-official-caution-phone = When you need it, dial this number yourself. If someone calls you claiming to be an authority, do not give them your OTP or password and do not transfer money because they say so.
scam-warning-url = ⚠️ Warning: this link shows signs of a scam.
scam-warning-phone = ⚠️ Warning: this phone number shows signs of a scam.
scam-warning-message = ⚠️ Warning: this message shows signs of a scam.
scam-unknown-url = I found no clear sign of a scam in this link, but that does not mean it is safe.
scam-unknown-phone = I found no clear sign of a scam with this number, but that does not mean it is safe.
scam-unknown-message = I found no clear sign of a scam in this message, but that does not mean it is safe.
scam-signals-intro = Signs:
scam-notes-intro = Note:
scam-verify = To check further: look the website up on Tín nhiệm mạng (tinnhiemmang.vn), and ask the person or body through a number you already knew.
scam-actions =
    What to do:
    - Do not click the link or reply to the message; if you are on the call, hang up.
    - Do not transfer money, do not share your OTP or password, do not install apps from links.
    - To find out whether it is real, call the person or body back yourself on a number you already knew.
scam-report =
    Report it:
    - Spam or scam SMS: text { $cu_phap_tin_nhan_rac_en } to { $so_tin_nhan_rac } (free).
    - Spam or scam call: text { $cu_phap_cuoc_goi_rac_en } to { $so_tin_nhan_rac }, or call/text { $so_bao_cuoc_goi_rac }.
    - Scam website: check and report it on { $web_tin_nhiem_mang }.
    - Threatened, or money already taken: call the police on { $so_cong_an }.
scam-link-tinnhiemmang = Tín nhiệm mạng – scam website list
scam-link-thongbaorac = Report spam messages and calls
scam-gov-name = a government body (a .gov.vn domain)
scam-signal-reported = This domain is on the list of reported scam sites.
scam-signal-lookalike = The domain imitates the address of { $name } but is not the official one.
scam-signal-homoglyph = The domain uses letters that look like ordinary ones but are not (for example a Cyrillic "е" for "e"): a trick used by fake sites.
scam-signal-ip-host = The link goes to a string of numbers (an IP address) instead of a domain name, which is common on fake sites.
scam-signal-shortener = A shortened link hides the real address of the page.
scam-signal-app-download = The link downloads an app installer (.apk, .ipa) directly, outside the official app stores.
scam-signal-userinfo = The link has a "…@" part before the domain to fool the eye: the real site is what comes after the @.
scam-signal-idn = The domain contains accented or special characters: look at it very carefully.
scam-signal-plain-http = The link does not use a secure connection (http, not https).
scam-signal-many-subdomains = The address has many layers of subdomains, often used to hide the real domain.
scam-signal-abused-tld = The domain ending is of a kind often used by scammers.
scam-signal-credential-path = The address contains words like "login" or "verify", common on pages that steal passwords.
scam-signal-foreign-number = A foreign number (the country code is not +84).
scam-signal-premium-rate = A 1900 service number: calling it may cost more than a normal call.
scam-signal-impersonation = The caller or message claims to be an authority, a bank or a company. The police, the procuracy and the courts do not settle cases by phone and never ask for money transfers.
scam-signal-urgency = Pressure to act at once, or a deadline.
scam-signal-account-lock = A threat to lock your account or SIM, or to cut a service.
scam-signal-prize-fee = A prize, gift or refund, often with a fee to pay first.
scam-signal-otp-request = A request for your OTP or password: nobody has a legitimate reason to ask for it.
scam-signal-install-app = A request to install an app or give an app permissions.
scam-signal-easy-job = An easy, well-paid job, paid "tasks" or a high-return investment.
scam-signal-legal-threat = A threat about a criminal case, an arrest warrant, a summons or money laundering.
scam-signal-money-transfer = A demand to transfer money, pay a deposit or pay in.
scam-signal-personal-data = A request for photos of your ID, card details or face data.
scam-signal-verify-request = A request to update or verify your details through a link or message.
scam-signal-loan = An offer of a fast, easy loan.
scam-signal-link-click = Pressure to click a link.
