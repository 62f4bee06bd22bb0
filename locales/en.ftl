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
links-prefix = See:
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

welcome-privacy = I keep only what I need to serve you and never your messages (type /privacy to see). Type /help for the commands.
help =
    Ask in your own words about the topics below. Commands:
    /subscribe: receive announcements, optionally by topic
    /unsubscribe: stop receiving them
    /lang: Tiếng Việt or English
    /privacy: what the assistant keeps about you
    /xoadulieu: delete everything kept about you
unknown-command = I do not know that command. Type /help for the commands, or just ask your question.
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
    Trợ lý số keeps very little about you: the channel (Zalo, Telegram or web), the chat id, your language, the topics you subscribed to with the time you agreed, when you last wrote, and whether you blocked the assistant.
    It keeps no names or phone numbers. Your last question (with phone numbers, e-mails, ID and account numbers masked) is kept 30 minutes for your 👍/👎; questions it could not answer are kept anonymously, without any user id, so staff can improve it, and deleted after 90 days. Ids of received messages are kept 24 hours, so nothing is answered twice.
    If you subscribed, your data is kept until you unsubscribe or delete it; otherwise it is deleted 180 days after your last message. Type /xoadulieu to delete everything now.
delete-confirm = Delete everything the assistant keeps about you (language, subscriptions)? Reply "yes" to delete, "no" to keep it.
deleted = Everything about you has been deleted. If you write again, we start afresh.
delete-cancelled = Your data is kept as it was.
slow-down = You are writing a little fast. Please wait a few seconds before the next message.
text-only = For now I can only read text messages. Please type your question.
numbered-suggestions = Suggestions (type a number):
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
feedback-expired = Feedback on that answer has expired. Thank you! Feel free to ask again.
