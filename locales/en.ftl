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
