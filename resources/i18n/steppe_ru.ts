<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ArticleHeader</name>
    <message>
        <source>Bookmark note</source>
        <translation>Заметка к закладке</translation>
    </message>
    <message>
        <source>Add a note to this bookmark</source>
        <translation>Добавьте заметку к этой закладке</translation>
    </message>
    <message>
        <source>Bookmark tags</source>
        <translation>Метки закладки</translation>
    </message>
    <message>
        <source>tags, separated by commas</source>
        <translation>метки через запятую</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
</context>
<context>
    <name>ArticleSourceBar</name>
    <message>
        <source>Article version</source>
        <translation>Версия текста</translation>
    </message>
    <message>
        <source>Feed version</source>
        <translation>Из ленты</translation>
    </message>
    <message>
        <source>Full article</source>
        <translation>Полный текст</translation>
    </message>
    <message>
        <source>Article version status</source>
        <translation>Какая версия текста показана</translation>
    </message>
    <message>
        <source>Fetch full article</source>
        <translation>Загрузить полный текст</translation>
    </message>
    <message>
        <source>Fetch the story&apos;s page and keep the whole story for offline reading</source>
        <translation>Загрузить страницу новости и сохранить её целиком для чтения без сети</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Whole story from the article page, fetched %1</source>
        <translation>Полный текст со страницы новости, загружен %1</translation>
    </message>
    <message>
        <source>Whole story from the article page</source>
        <translation>Полный текст со страницы новости</translation>
    </message>
    <message>
        <source>Summary only — %1</source>
        <translation>Только анонс — %1</translation>
    </message>
    <message>
        <source>Summary only — the feed sent a teaser of this story</source>
        <translation>Только анонс — лента прислала лишь начало новости</translation>
    </message>
    <message>
        <source>Fetching the full article…</source>
        <translation>Загрузка полного текста…</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Article</source>
        <translation>Статья</translation>
    </message>
    <message>
        <source>The selected story. Space pages down, then opens the next unread story; Ctrl+Shift+F finds in it</source>
        <translation>Выбранная новость. Пробел листает вниз, а в конце открывает следующую непрочитанную; Ctrl+Shift+F — поиск в ней</translation>
    </message>
    <message>
        <source>Select a story to read it here. Stories are read from the local cache, so they stay readable with no network.</source>
        <translation>Выберите новость, чтобы прочитать её здесь. Новости берутся из локального кэша, поэтому их можно читать и без сети.</translation>
    </message>
    <message>
        <source>Opening the story…</source>
        <translation>Открываем новость…</translation>
    </message>
    <message>
        <source>$%1 trillion</source>
        <translation>$%1 трлн</translation>
    </message>
    <message>
        <source>$%1 billion</source>
        <translation>$%1 млрд</translation>
    </message>
    <message>
        <source>$%1 million</source>
        <translation>$%1 млн</translation>
    </message>
    <message>
        <source>$%1</source>
        <translation>$%1</translation>
    </message>
    <message>
        <source>Sample story written for Steppe Reader from public facts — not a news report.</source>
        <translation>Образец: новость написана для Steppe Reader по открытым данным — это не настоящий репортаж.</translation>
    </message>
    <message>
        <source>By %1</source>
        <translation>Автор: %1</translation>
    </message>
    <message>
        <source>Also mentioned: %1</source>
        <translation>Также упоминаются: %1</translation>
    </message>
    <message>
        <source>Currency context · added by Steppe Reader, not part of the story</source>
        <translation>Валютный контекст · добавлен Steppe Reader, не часть новости</translation>
    </message>
    <message>
        <source>In the story</source>
        <translation>В новости</translation>
    </message>
    <message>
        <source>US$ at the time</source>
        <translation>В долларах США на тот момент</translation>
    </message>
    <message>
        <source>US$ today</source>
        <translation>В долларах США сегодня</translation>
    </message>
    <message>
        <source>at the rate of %1</source>
        <translation>по курсу на %1</translation>
    </message>
    <message>
        <source>(rate of %1)</source>
        <translation>(курс на %1)</translation>
    </message>
    <message>
        <source>At stored market rates (exchange-api): the story is of %1, each amount is valued at the newest rate stored on or before it, and at the newest rate stored. Dollar amounts are left as written.</source>
        <translation>По сохранённым рыночным курсам (exchange-api): новость от %1; каждая сумма пересчитана по последнему курсу, сохранённому на эту дату или раньше, и по последнему сохранённому курсу. Суммы в долларах оставлены как в тексте.</translation>
    </message>
    <message>
        <source>Where our reading and the publisher&apos;s own dollar figure differ more than tenfold, only the publisher&apos;s figure is shown.</source>
        <translation>Там, где наш пересчёт и долларовая сумма издателя расходятся более чем в десять раз, показана только сумма издателя.</translation>
    </message>
    <message>
        <source>publisher: %1</source>
        <translation>у издателя: %1</translation>
    </message>
    <message>
        <source>no rate stored</source>
        <translation>курс не сохранён</translation>
    </message>
    <message>
        <source>Read the original at %1</source>
        <translation>Читать оригинал на %1</translation>
    </message>
</context>
<context>
    <name>BookmarkActions</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <source>&amp;Bookmarks…</source>
        <translation>&amp;Закладки…</translation>
    </message>
    <message>
        <source>Sa&amp;ved searches</source>
        <translation>Со&amp;хранённые поиски</translation>
    </message>
    <message>
        <source>Save &amp;current filters…</source>
        <translation>Сохранить &amp;текущие фильтры…</translation>
    </message>
    <message>
        <source>&amp;Edit bookmark note and tags…</source>
        <translation>&amp;Изменить заметку и метки закладки…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n stories to %1</source>
        <translation>
            <numerusform>Экспортирована %n новость в %1</numerusform>
            <numerusform>Экспортированы %n новости в %1</numerusform>
            <numerusform>Экспортировано %n новостей в %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Bookmark saved</source>
        <translation>Закладка сохранена</translation>
    </message>
    <message>
        <source>Toggle &amp;bookmark	Ctrl+D</source>
        <translation>&amp;Закладка вкл./выкл.	Ctrl+D</translation>
    </message>
    <message>
        <source>E&amp;xport this story…</source>
        <translation>Э&amp;кспортировать эту новость…</translation>
    </message>
</context>
<context>
    <name>BookmarkEditDialog</name>
    <message>
        <source>Bookmark</source>
        <translation>Закладка</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>A note of your own about this story</source>
        <translation>Ваша заметка об этой новости</translation>
    </message>
    <message>
        <source>tags, separated by commas</source>
        <translation>метки через запятую</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Заметка</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Метки</translation>
    </message>
</context>
<context>
    <name>BookmarkListModel</name>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>Добавлено</translation>
    </message>
    <message>
        <source>Bookmarked %1</source>
        <translation>Добавлено в закладки %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Заметка: %1</translation>
    </message>
</context>
<context>
    <name>BookmarksView</name>
    <message>
        <source>Bookmarks — Steppe Reader</source>
        <translation>Закладки — Steppe Reader</translation>
    </message>
    <message>
        <source>Search titles, notes and tags</source>
        <translation>Поиск по заголовкам, заметкам и меткам</translation>
    </message>
    <message>
        <source>Search bookmarks</source>
        <translation>Поиск по закладкам</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Метка</translation>
    </message>
    <message>
        <source>&amp;Unread</source>
        <translation>&amp;Непрочитанные</translation>
    </message>
    <message>
        <source>Only bookmarks not yet read</source>
        <translation>Только ещё не прочитанные закладки</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <source>Export all bookmarks (File → Export…)</source>
        <translation>Экспортировать все закладки (Файл → Экспорт…)</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Закладки</translation>
    </message>
    <message>
        <source>Your bookmarks; each row says whether it is read. Double-click or Open story opens it</source>
        <translation>Ваши закладки; в каждой строке указано, прочитана ли новость. Двойной щелчок или «Открыть новость» открывает её</translation>
    </message>
    <message>
        <source>Select a bookmark</source>
        <translation>Выберите закладку</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>A note of your own about this story</source>
        <translation>Ваша заметка об этой новости</translation>
    </message>
    <message>
        <source>tags, separated by commas</source>
        <translation>метки через запятую</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>&amp;Save note and tags</source>
        <translation>&amp;Сохранить заметку и метки</translation>
    </message>
    <message>
        <source>&amp;Open story</source>
        <translation>&amp;Открыть новость</translation>
    </message>
    <message>
        <source>&amp;Remove bookmark</source>
        <translation>&amp;Удалить закладку</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Заметка</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Метки</translation>
    </message>
    <message numerus="yes">
        <source>%n bookmarks</source>
        <translation>
            <numerusform>%n закладка</numerusform>
            <numerusform>%n закладки</numerusform>
            <numerusform>%n закладок</numerusform>
        </translation>
    </message>
    <message>
        <source>No bookmarks match</source>
        <translation>Подходящих закладок нет</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Все метки</translation>
    </message>
</context>
<context>
    <name>ConverterDialog</name>
    <message>
        <source>Currency converter</source>
        <translation>Конвертер валют</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>From currency</source>
        <translation>Из валюты</translation>
    </message>
    <message>
        <source>To currency</source>
        <translation>В валюту</translation>
    </message>
    <message>
        <source>&amp;Newest rates</source>
        <translation>&amp;Последние курсы</translation>
    </message>
    <message>
        <source>Rates of date</source>
        <translation>Курсы на дату</translation>
    </message>
    <message>
        <source>The day whose rates convert; used when Newest rates is off</source>
        <translation>День, по курсам которого идёт пересчёт; используется, когда «Последние курсы» выключены</translation>
    </message>
    <message>
        <source>Type an amount, e.g. 20.6 or 1,500</source>
        <translation>Введите сумму, например 20,6 или 1 500</translation>
    </message>
    <message>
        <source>Convert at the newest rates instead of a chosen day&apos;s</source>
        <translation>Пересчитывать по последним курсам, а не по курсам выбранного дня</translation>
    </message>
    <message>
        <source>Conversion result</source>
        <translation>Результат пересчёта</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>&amp;Сумма</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Из</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;В</translation>
    </message>
    <message>
        <source>rates of %1</source>
        <translation>курсы на %1</translation>
    </message>
    <message>
        <source>same currency</source>
        <translation>та же валюта</translation>
    </message>
    <message>
        <source>No rates are stored for %1</source>
        <translation>Для %1 нет сохранённых курсов</translation>
    </message>
</context>
<context>
    <name>Countries</name>
    <message>
        <source>Kazakhstan</source>
        <translation>Казахстан</translation>
    </message>
    <message>
        <source>Kyrgyzstan</source>
        <translation>Кыргызстан</translation>
    </message>
    <message>
        <source>Tajikistan</source>
        <translation>Таджикистан</translation>
    </message>
    <message>
        <source>Turkmenistan</source>
        <translation>Туркменистан</translation>
    </message>
    <message>
        <source>Uzbekistan</source>
        <translation>Узбекистан</translation>
    </message>
</context>
<context>
    <name>CurrencyListDialog</name>
    <message>
        <source>Sidebar currencies</source>
        <translation>Валюты боковой панели</translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation>Валюты</translation>
    </message>
    <message>
        <source>Tick the currencies to list; drag to reorder.</source>
        <translation>Отметьте валюты для списка; перетаскивайте, чтобы изменить порядок.</translation>
    </message>
</context>
<context>
    <name>CurrencyNames</name>
    <message>
        <source>US Dollar</source>
        <translation>Доллар США</translation>
    </message>
    <message>
        <source>Euro</source>
        <translation>Евро</translation>
    </message>
    <message>
        <source>British Pound</source>
        <translation>Фунт стерлингов</translation>
    </message>
    <message>
        <source>Swiss Franc</source>
        <translation>Швейцарский франк</translation>
    </message>
    <message>
        <source>Japanese Yen</source>
        <translation>Японская иена</translation>
    </message>
    <message>
        <source>Chinese Yuan Renminbi</source>
        <translation>Китайский юань</translation>
    </message>
    <message>
        <source>Russian Ruble</source>
        <translation>Российский рубль</translation>
    </message>
    <message>
        <source>Belarusian Ruble</source>
        <translation>Белорусский рубль</translation>
    </message>
    <message>
        <source>Ukrainian Hryvnia</source>
        <translation>Украинская гривна</translation>
    </message>
    <message>
        <source>Kazakhstani Tenge</source>
        <translation>Казахстанский тенге</translation>
    </message>
    <message>
        <source>Uzbekistani Som</source>
        <translation>Узбекский сум</translation>
    </message>
    <message>
        <source>Kyrgyzstani Som</source>
        <translation>Киргизский сом</translation>
    </message>
    <message>
        <source>Tajikistani Somoni</source>
        <translation>Таджикский сомони</translation>
    </message>
    <message>
        <source>Turkmenistani Manat</source>
        <translation>Туркменский манат</translation>
    </message>
    <message>
        <source>Azerbaijan Manat</source>
        <translation>Азербайджанский манат</translation>
    </message>
    <message>
        <source>Armenian Dram</source>
        <translation>Армянский драм</translation>
    </message>
    <message>
        <source>Georgian Lari</source>
        <translation>Грузинский лари</translation>
    </message>
    <message>
        <source>Mongolian Tughrik</source>
        <translation>Монгольский тугрик</translation>
    </message>
    <message>
        <source>Afghan Afghani</source>
        <translation>Афганский афгани</translation>
    </message>
    <message>
        <source>Iranian Rial</source>
        <translation>Иранский риал</translation>
    </message>
    <message>
        <source>Pakistani Rupee</source>
        <translation>Пакистанская рупия</translation>
    </message>
    <message>
        <source>Indian Rupee</source>
        <translation>Индийская рупия</translation>
    </message>
    <message>
        <source>Turkish Lira</source>
        <translation>Турецкая лира</translation>
    </message>
    <message>
        <source>Emirati Dirham</source>
        <translation>Дирхам ОАЭ</translation>
    </message>
    <message>
        <source>Gold Ounce</source>
        <translation>Тройская унция золота</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>the disk is full</source>
        <translation>диск заполнен</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>дисковая квота исчерпана</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>доступ запрещён</translation>
    </message>
    <message>
        <source>the operation is not permitted</source>
        <translation>операция не разрешена</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>диск доступен только для чтения</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>нет такого файла или папки</translation>
    </message>
    <message>
        <source>a part of the path is a file, not a folder</source>
        <translation>часть пути — файл, а не папка</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>это папка, а не файл</translation>
    </message>
    <message>
        <source>it already exists</source>
        <translation>он уже существует</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>слишком длинное имя</translation>
    </message>
    <message>
        <source>the file grew too large</source>
        <translation>файл стал слишком большим</translation>
    </message>
    <message>
        <source>the disk reported an input/output error</source>
        <translation>диск сообщил об ошибке ввода-вывода</translation>
    </message>
    <message>
        <source>too many symbolic links</source>
        <translation>слишком много символических ссылок</translation>
    </message>
    <message>
        <source>too many files are open</source>
        <translation>открыто слишком много файлов</translation>
    </message>
    <message>
        <source>it is in use</source>
        <translation>он занят</translation>
    </message>
    <message>
        <source>no such device</source>
        <translation>нет такого устройства</translation>
    </message>
    <message>
        <source>it is on another disk</source>
        <translation>он на другом диске</translation>
    </message>
    <message>
        <source>the name is not valid there</source>
        <translation>такое имя здесь недопустимо</translation>
    </message>
    <message>
        <source>the computer is out of memory</source>
        <translation>компьютеру не хватает памяти</translation>
    </message>
    <message>
        <source>the folder is not empty</source>
        <translation>папка не пуста</translation>
    </message>
    <message>
        <source>the name contains a NUL character</source>
        <translation>в имени есть символ NUL</translation>
    </message>
    <message>
        <source>that is a folder; give a file name</source>
        <translation>это папка; укажите имя файла</translation>
    </message>
    <message>
        <source>that is a folder; give a file name inside it</source>
        <translation>это папка; укажите имя файла в ней</translation>
    </message>
    <message>
        <source>that is a device or a pipe, not a file; give a file name</source>
        <translation>это устройство или канал, а не файл; укажите имя файла</translation>
    </message>
    <message>
        <source>the folder holds files of its own; only a folder of a Markdown export is replaced (choose a new or empty folder)</source>
        <translation>в папке есть другие файлы; заменяется только папка экспорта в Markdown (выберите новую или пустую папку)</translation>
    </message>
    <message>
        <source>Nothing to export: no story matches</source>
        <translation>Экспортировать нечего: подходящих новостей нет</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder</source>
        <translation>%1 — файл, а не папка</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>папки %1 не существует</translation>
    </message>
    <message>
        <source>the folder %1 does not take new files</source>
        <translation>в папке %1 нельзя создавать файлы</translation>
    </message>
    <message>
        <source>permission denied: the folder %1 does not let you write in it</source>
        <translation>доступ запрещён: у вас нет права записи в папку %1</translation>
    </message>
    <message>
        <source>the folder %1 is on a read-only disk</source>
        <translation>папка %1 находится на диске только для чтения</translation>
    </message>
    <message>
        <source>%1; nothing was written</source>
        <translation>%1; ничего не записано</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>Экспорт прерван; ничего не записано</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Markdown (CommonMark)</source>
        <translation>Markdown (CommonMark)</translation>
    </message>
    <message>
        <source>HTML (one self-contained file)</source>
        <translation>HTML (один самодостаточный файл)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>EPUB 3 e-book</source>
        <translation>Электронная книга EPUB 3</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>CSV (metadata)</source>
        <translation>CSV (метаданные)</translation>
    </message>
    <message>
        <source>Export stories</source>
        <translation>Экспорт новостей</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>The kind of file the export writes</source>
        <translation>Тип файла, в который записывается экспорт</translation>
    </message>
    <message>
        <source>This story</source>
        <translation>Эта новость</translation>
    </message>
    <message>
        <source>Selected stories (%1)</source>
        <translation>Выбранные новости (%1)</translation>
    </message>
    <message>
        <source>The current filter&apos;s results (counting…)</source>
        <translation>Результаты текущего фильтра (подсчёт…)</translation>
    </message>
    <message>
        <source>All bookmarks (counting…)</source>
        <translation>Все закладки (подсчёт…)</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Куда сохранить</translation>
    </message>
    <message>
        <source>The file the export writes (Browse… to choose it)</source>
        <translation>Файл, в который записывается экспорт (выберите его кнопкой «Обзор…»)</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>О&amp;бзор…</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Ход экспорта</translation>
    </message>
    <message>
        <source>%v of %m stories</source>
        <translation>%v из %m</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Экспортировать</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>&amp;Формат</translation>
    </message>
    <message>
        <source>Stories</source>
        <translation>Новости</translation>
    </message>
    <message>
        <source>&amp;Save to</source>
        <translation>&amp;Сохранить в</translation>
    </message>
    <message>
        <source>The current filter&apos;s results (%1)</source>
        <translation>Результаты текущего фильтра (%1)</translation>
    </message>
    <message>
        <source>All bookmarks (%1)</source>
        <translation>Все закладки (%1)</translation>
    </message>
    <message>
        <source>This story: %1</source>
        <translation>Эта новость: %1</translation>
    </message>
    <message>
        <source>One .md file; give a name without .md for a folder with one file per story and its images.</source>
        <translation>Один файл .md; укажите имя без .md, чтобы получить папку с отдельным файлом для каждой новости и её изображениями.</translation>
    </message>
    <message>
        <source>One file with the images inside; prints well.</source>
        <translation>Один файл со встроенными изображениями; хорошо печатается.</translation>
    </message>
    <message>
        <source>A4 pages with images; each story starts a page.</source>
        <translation>Страницы A4 с изображениями; каждая новость начинается с новой страницы.</translation>
    </message>
    <message>
        <source>An e-book with a table of contents and the images inside.</source>
        <translation>Электронная книга с оглавлением и встроенными изображениями.</translation>
    </message>
    <message>
        <source>Every field, in the documented steppe-export schema.</source>
        <translation>Все поля, по документированной схеме steppe-export.</translation>
    </message>
    <message>
        <source>One row of metadata per story, for spreadsheets.</source>
        <translation>Одна строка метаданных на новость, для электронных таблиц.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Экспортировать в</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>Заменить?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 уже существует. Заменить?</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>Выберите, куда сохранить экспорт.</translation>
    </message>
    <message>
        <source>Not exported: the file exists.</source>
        <translation>Не экспортировано: файл уже существует.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>Internal error: %1 (details in %2)</source>
        <translation>Внутренняя ошибка: %1 (подробности в %2)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Экспорт в %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n stories to %1</source>
        <translation>
            <numerusform>Экспортирована %n новость в %1</numerusform>
            <numerusform>Экспортированы %n новости в %1</numerusform>
            <numerusform>Экспортировано %n новостей в %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search stories  (Ctrl+F)</source>
        <translation>Поиск по новостям  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Все страны</translation>
    </message>
    <message>
        <source>All sections</source>
        <translation>Все разделы</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Все источники</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <source>Only stories published between these dates</source>
        <translation>Только новости, опубликованные между этими датами</translation>
    </message>
    <message>
        <source>The order of the list (when searching, best match first unless chosen)</source>
        <translation>Порядок списка (при поиске — сначала лучшие совпадения, если не выбрано иное)</translation>
    </message>
    <message>
        <source>Search stories</source>
        <translation>Поиск по новостям</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Раздел</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>С даты</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>По дату</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Порядок</translation>
    </message>
    <message>
        <source>Words to find in the stories&apos; titles and text; Esc goes back to the list</source>
        <translation>Слова для поиска в заголовках и тексте новостей; Esc — обратно к списку</translation>
    </message>
    <message>
        <source>Show only the stories about the chosen countries</source>
        <translation>Показывать только новости о выбранных странах</translation>
    </message>
    <message>
        <source>&amp;Unread</source>
        <translation>&amp;Непрочитанные</translation>
    </message>
    <message>
        <source>&amp;Bookmarked</source>
        <translation>В &amp;закладках</translation>
    </message>
    <message>
        <source>Show only the stories not read yet</source>
        <translation>Показывать только ещё не прочитанные новости</translation>
    </message>
    <message>
        <source>Show only the bookmarked stories</source>
        <translation>Показывать только новости в закладках</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <source>Clear all filters  (Ctrl+Shift+L)</source>
        <translation>Сбросить все фильтры  (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Фильтры</translation>
    </message>
    <message>
        <source>More filters</source>
        <translation>Другие фильтры</translation>
    </message>
    <message>
        <source>Sections, sources and dates</source>
        <translation>Разделы, источники и даты</translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation>Фильтры (%1)</translation>
    </message>
    <message>
        <source>Search not understood: %1</source>
        <translation>Поисковый запрос не понят: %1</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in article</source>
        <translation>Найти в тексте</translation>
    </message>
    <message>
        <source>Previous hit  (Shift+F3)</source>
        <translation>Предыдущее совпадение  (Shift+F3)</translation>
    </message>
    <message>
        <source>Next hit  (F3)</source>
        <translation>Следующее совпадение  (F3)</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Закрыть  (Esc)</translation>
    </message>
    <message>
        <source>Close find</source>
        <translation>Закрыть поиск</translation>
    </message>
    <message>
        <source>Previous hit</source>
        <translation>Предыдущее совпадение</translation>
    </message>
    <message>
        <source>Next hit</source>
        <translation>Следующее совпадение</translation>
    </message>
    <message>
        <source>Hits found</source>
        <translation>Найдено совпадений</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>No hits</source>
        <translation>Совпадений нет</translation>
    </message>
</context>
<context>
    <name>FullArticles</name>
    <message>
        <source>Fetch &amp;full article</source>
        <translation>Загрузить &amp;полный текст</translation>
    </message>
    <message>
        <source>Fetch the story&apos;s page and keep the whole story for offline reading</source>
        <translation>Загрузить страницу новости и сохранить её целиком для чтения без сети</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Steppe Reader</source>
        <translation>Steppe Reader</translation>
    </message>
    <message>
        <source>Stories</source>
        <translation>Новости</translation>
    </message>
    <message>
        <source>The stories the filters match. J and K move, N goes to the next unread story, S bookmarks it, M toggles read; each row says whether it is unread or bookmarked</source>
        <translation>Новости, подходящие под фильтры. J и K — переход, N — следующая непрочитанная, S — в закладки, M — прочитана или нет; каждая строка сообщает, прочитана ли новость и есть ли она в закладках</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Story count</source>
        <translation>Число новостей</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Mark those stories unread again  (Ctrl+Z)</source>
        <translation>Снова отметить эти новости непрочитанными  (Ctrl+Z)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Search stories</source>
        <translation>&amp;Поиск по новостям</translation>
    </message>
    <message>
        <source>Clear &amp;filters</source>
        <translation>Сбросить &amp;фильтры</translation>
    </message>
    <message>
        <source>Go to story &amp;list</source>
        <translation>К &amp;списку новостей</translation>
    </message>
    <message>
        <source>Go to &amp;article</source>
        <translation>К &amp;тексту новости</translation>
    </message>
    <message>
        <source>&amp;Compact list</source>
        <translation>&amp;Компактный список</translation>
    </message>
    <message>
        <source>&amp;Rates sidebar</source>
        <translation>Панель &amp;курсов</translation>
    </message>
    <message>
        <source>&amp;Bigger text</source>
        <translation>&amp;Крупнее текст</translation>
    </message>
    <message>
        <source>S&amp;maller text</source>
        <translation>&amp;Мельче текст</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>&amp;Обычный размер текста</translation>
    </message>
    <message>
        <source>&amp;Find in article…</source>
        <translation>&amp;Найти в тексте…</translation>
    </message>
    <message>
        <source>Find ne&amp;xt</source>
        <translation>Найти &amp;далее</translation>
    </message>
    <message>
        <source>Find pre&amp;vious</source>
        <translation>Найти &amp;ранее</translation>
    </message>
    <message>
        <source>&amp;Story</source>
        <translation>&amp;Новость</translation>
    </message>
    <message>
        <source>&amp;Next story</source>
        <translation>&amp;Следующая новость</translation>
    </message>
    <message>
        <source>&amp;Previous story</source>
        <translation>&amp;Предыдущая новость</translation>
    </message>
    <message>
        <source>Next &amp;unread story</source>
        <translation>Следующая &amp;непрочитанная</translation>
    </message>
    <message>
        <source>Page down, then next unread</source>
        <translation>Страница вниз, затем следующая непрочитанная</translation>
    </message>
    <message>
        <source>&amp;Open original in browser</source>
        <translation>&amp;Открыть оригинал в браузере</translation>
    </message>
    <message>
        <source>Toggle &amp;bookmark</source>
        <translation>&amp;Закладка вкл./выкл.</translation>
    </message>
    <message>
        <source>Toggle &amp;read</source>
        <translation>Прочитана &amp;да/нет</translation>
    </message>
    <message>
        <source>Mark &amp;unread</source>
        <translation>Отметить н&amp;епрочитанной</translation>
    </message>
    <message>
        <source>Mark &amp;all as read</source>
        <translation>Отметить &amp;все прочитанными</translation>
    </message>
    <message>
        <source>&amp;Undo mark all as read</source>
        <translation>Отменить отметку &amp;всех прочитанными</translation>
    </message>
    <message>
        <source>&amp;Rates</source>
        <translation>&amp;Курсы</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>С&amp;инхронизация</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Синхронизировать сейчас</translation>
    </message>
    <message>
        <source>&amp;Cancel sync</source>
        <translation>&amp;Прервать синхронизацию</translation>
    </message>
    <message>
        <source>S&amp;ources…</source>
        <translation>&amp;Источники…</translation>
    </message>
    <message>
        <source>Sync &amp;problems…</source>
        <translation>&amp;Ошибки синхронизации…</translation>
    </message>
    <message>
        <source>Sync &amp;settings…</source>
        <translation>&amp;Настройки синхронизации…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>&amp;Добро пожаловать</translation>
    </message>
    <message>
        <source>&amp;About Steppe Reader</source>
        <translation>&amp;О программе Steppe Reader</translation>
    </message>
    <message>
        <source>Not opened: %1</source>
        <translation>Не открыто: %1</translation>
    </message>
    <message>
        <source>Updating the stories&apos; countries after the upgrade: %1 of %2…</source>
        <translation>Обновление стран новостей после обновления программы: %1 из %2…</translation>
    </message>
    <message>
        <source>The stories&apos; countries are up to date</source>
        <translation>Страны новостей обновлены</translation>
    </message>
    <message>
        <source> · search index %1 % built</source>
        <translation> · поисковый индекс построен на %1 %</translation>
    </message>
    <message>
        <source>Search index built: the search now covers every story</source>
        <translation>Поисковый индекс построен: теперь поиск охватывает все новости</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>Добавлено в закладки</translation>
    </message>
    <message>
        <source>Bookmark removed</source>
        <translation>Закладка удалена</translation>
    </message>
    <message>
        <source>No more unread stories in this list</source>
        <translation>В этом списке больше нет непрочитанных новостей</translation>
    </message>
    <message>
        <source>This story has no original to open</source>
        <translation>У этой новости нет оригинала, который можно открыть</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Открыто: %1</translation>
    </message>
    <message>
        <source>Could not open a browser for %1</source>
        <translation>Не удалось открыть браузер для %1</translation>
    </message>
    <message>
        <source>No unread stories in this list</source>
        <translation>В этом списке нет непрочитанных новостей</translation>
    </message>
    <message numerus="yes">
        <source>Marked %Ln stories read</source>
        <translation>
            <numerusform>Отмечено прочитанными: %Ln новость</numerusform>
            <numerusform>Отмечено прочитанными: %Ln новости</numerusform>
            <numerusform>Отмечено прочитанными: %Ln новостей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories unread again</source>
        <translation>
            <numerusform>Снова непрочитанные: %Ln новость</numerusform>
            <numerusform>Снова непрочитанные: %Ln новости</numerusform>
            <numerusform>Снова непрочитанные: %Ln новостей</numerusform>
        </translation>
    </message>
    <message>
        <source>About Steppe Reader</source>
        <translation>О программе Steppe Reader</translation>
    </message>
    <message>
        <source>&lt;b&gt;Steppe Reader %1&lt;/b&gt;&lt;p&gt;News from Central Asia with the currency rates that shape it.&lt;/p&gt;&lt;p&gt;Sample stories are written for Steppe Reader from public facts. Rates: exchange-api by fawazahmed0 (CC0).&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Steppe Reader %1&lt;/b&gt;&lt;p&gt;Новости Центральной Азии и курсы валют, которые их определяют.&lt;/p&gt;&lt;p&gt;Образцы новостей написаны для Steppe Reader по открытым источникам. Курсы: exchange-api от fawazahmed0 (CC0).&lt;/p&gt;&lt;p&gt;Папка данных: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NewStoriesNotifier</name>
    <message>
        <source>&amp;Notify on new stories</source>
        <translation>&amp;Уведомлять о новых новостях</translation>
    </message>
    <message>
        <source>Show a desktop notification when a sync brings new stories</source>
        <translation>Показывать уведомление на рабочем столе, когда синхронизация приносит новые новости</translation>
    </message>
</context>
<context>
    <name>NewStoriesWords</name>
    <message numerus="yes">
        <source>Sync: %n new stories</source>
        <translation>
            <numerusform>Синхронизация: %n новая новость</numerusform>
            <numerusform>Синхронизация: %n новые новости</numerusform>
            <numerusform>Синхронизация: %n новых новостей</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2</source>
        <translation>«%1»: %2</translation>
    </message>
</context>
<context>
    <name>RateHistoryChart</name>
    <message>
        <source>All</source>
        <translation>Всё</translation>
    </message>
    <message>
        <source>Rate history chart</source>
        <translation>График истории курса</translation>
    </message>
    <message>
        <source>Chart mode</source>
        <translation>Режим графика</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Курс</translation>
    </message>
    <message>
        <source>Compare % change</source>
        <translation>Сравнить изменение в %</translation>
    </message>
    <message>
        <source>Official vs market</source>
        <translation>Официальный и рыночный</translation>
    </message>
    <message>
        <source>Range %1</source>
        <translation>Период %1</translation>
    </message>
    <message>
        <source>Filter stories</source>
        <translation>Отбор</translation>
    </message>
    <message>
        <source>Drag the shaded band&apos;s edges: the story list shows those dates</source>
        <translation>Перетащите края затенённой полосы: список покажет новости за эти даты</translation>
    </message>
    <message>
        <source>Chart value under the pointer</source>
        <translation>Значение графика под указателем</translation>
    </message>
    <message>
        <source>Fetch official rates</source>
        <translation>Загрузить официальные курсы</translation>
    </message>
    <message>
        <source>%1 per US dollar</source>
        <translation>%1 за доллар США</translation>
    </message>
    <message>
        <source>US dollars per %1</source>
        <translation>Долларов США за %1</translation>
    </message>
    <message>
        <source>No rates stored</source>
        <translation>Курсов нет</translation>
    </message>
    <message>
        <source>% change of dollar value in the range</source>
        <translation>Изменение долларовой цены за период, %</translation>
    </message>
    <message>
        <source>USD per %1</source>
        <translation>USD за %1</translation>
    </message>
    <message>
        <source>No central bank publishes an official rate of %1 that we read.</source>
        <translation>Ни один центральный банк из известных программе не публикует официальный курс %1.</translation>
    </message>
    <message>
        <source>Fetching official rates from %1… %2</source>
        <translation>Загрузка официальных курсов из источника %1… %2</translation>
    </message>
    <message>
        <source>No official rates of %1 stored yet.</source>
        <translation>Официальных курсов %1 пока нет.</translation>
    </message>
    <message>
        <source>Ask %1 for the rates of the last three months</source>
        <translation>Запросить у %1 курсы за последние три месяца</translation>
    </message>
</context>
<context>
    <name>RatesController</name>
    <message>
        <source>&amp;Refresh rates now</source>
        <translation>&amp;Обновить курсы сейчас</translation>
    </message>
    <message>
        <source>Currency &amp;converter…</source>
        <translation>&amp;Конвертер валют…</translation>
    </message>
    <message>
        <source>Show &amp;1 USD = … units</source>
        <translation>Показывать &amp;1 USD = … единиц</translation>
    </message>
    <message>
        <source>Sidebar &amp;currencies…</source>
        <translation>&amp;Валюты на панели…</translation>
    </message>
</context>
<context>
    <name>RatesPanel</name>
    <message>
        <source>US dollars per unit, as the ticker prints it. ▲▼ the currency&apos;s dollar value since the day before.</source>
        <translation>Долларов США за единицу, как в биржевой строке. ▲▼ — изменение долларовой цены валюты за день.</translation>
    </message>
    <message>
        <source>Units one US dollar buys. ▲▼ and the sparklines: still the currency&apos;s dollar value.</source>
        <translation>Сколько единиц валюты стоит один доллар США. ▲▼ и мини-графики по-прежнему показывают долларовую цену валюты.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rates vs US dollar&lt;/b&gt;</source>
        <translation>&lt;b&gt;Курсы к доллару США&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Fetch the latest rates now</source>
        <translation>Загрузить последние курсы сейчас</translation>
    </message>
    <message>
        <source>Show how many units one US dollar buys (the chart follows)</source>
        <translation>Показать, сколько единиц валюты стоит один доллар США (график тоже)</translation>
    </message>
    <message>
        <source>Currencies…</source>
        <translation>Валюты…</translation>
    </message>
    <message>
        <source>How the rates are shown</source>
        <translation>Как показаны курсы</translation>
    </message>
    <message>
        <source>Currency rates</source>
        <translation>Курсы валют</translation>
    </message>
    <message>
        <source>The newest rate of each sidebar currency; choose one for its chart</source>
        <translation>Последний курс каждой валюты панели; выберите валюту, чтобы увидеть её график</translation>
    </message>
    <message>
        <source>Rates provider and date</source>
        <translation>Источник и дата курсов</translation>
    </message>
    <message>
        <source>Rates offline state</source>
        <translation>Недоступность источника курсов</translation>
    </message>
    <message>
        <source>No rates stored for the chosen currencies.</source>
        <translation>Для выбранных валют курсов нет.</translation>
    </message>
    <message>
        <source> · checked %1</source>
        <translation> · проверено %1</translation>
    </message>
    <message>
        <source>As of %1 · %2</source>
        <translation>На %1 · %2</translation>
    </message>
    <message>
        <source> · refreshing…</source>
        <translation> · обновление…</translation>
    </message>
    <message>
        <source> · no rates for %1</source>
        <translation> · нет курсов для %1</translation>
    </message>
    <message>
        <source> · %1 at its legal peg of %2 per US dollar (%3 unreachable)</source>
        <translation> · %1 по официальной привязке %2 за доллар США (%3 недоступен)</translation>
    </message>
    <message>
        <source>Offline: %1 could not be reached at %2; showing stored rates of %3.</source>
        <translation>Нет связи: %1 недоступен в %2; показаны сохранённые курсы на %3.</translation>
    </message>
</context>
<context>
    <name>SavedSearchesPanel</name>
    <message>
        <source>search “%1”</source>
        <translation>поиск «%1»</translation>
    </message>
    <message>
        <source>sources: %1</source>
        <translation>источников: %1</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>непрочитанные</translation>
    </message>
    <message>
        <source>bookmarked</source>
        <translation>в закладках</translation>
    </message>
    <message>
        <source>all stories</source>
        <translation>все новости</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Сохранённые поиски</translation>
    </message>
    <message>
        <source>Filters kept under a name, with their unread counts; choose one to apply it</source>
        <translation>Фильтры, сохранённые под именем, с числом непрочитанных; выберите, чтобы применить</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Сохранить…</translation>
    </message>
    <message>
        <source>Save the current filters as a named view</source>
        <translation>Сохранить текущие фильтры под именем</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <source>Rename, or replace its filters with the current ones</source>
        <translation>Переименовать или заменить его фильтры текущими</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message numerus="yes">
        <source>%1 unread of %n</source>
        <translation>
            <numerusform>непрочитанных: %1 из %n</numerusform>
            <numerusform>непрочитанных: %1 из %n</numerusform>
            <numerusform>непрочитанных: %1 из %n</numerusform>
        </translation>
    </message>
    <message>
        <source>No saved searches yet:
set filters, then Save…</source>
        <translation>Сохранённых поисков пока нет:
задайте фильтры и нажмите «Сохранить…»</translation>
    </message>
    <message>
        <source>Saved search “%1”</source>
        <translation>Поиск «%1» сохранён</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Сохранить поиск</translation>
    </message>
    <message>
        <source>Name for these filters (%1):</source>
        <translation>Имя для этих фильтров (%1):</translation>
    </message>
    <message>
        <source>Saved search updated</source>
        <translation>Сохранённый поиск обновлён</translation>
    </message>
    <message>
        <source>Edit saved search</source>
        <translation>Изменить сохранённый поиск</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Also replace its filters (%1) with the current ones (%2)?</source>
        <translation>Заменить и его фильтры (%1) текущими (%2)?</translation>
    </message>
    <message>
        <source>Saved search removed</source>
        <translation>Сохранённый поиск удалён</translation>
    </message>
    <message>
        <source>Remove saved search</source>
        <translation>Удаление сохранённого поиска</translation>
    </message>
    <message>
        <source>Remove the saved search “%1”?</source>
        <translation>Удалить сохранённый поиск «%1»?</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Politics</source>
        <translation>Политика</translation>
    </message>
    <message>
        <source>Economy</source>
        <translation>Экономика</translation>
    </message>
    <message>
        <source>Mining &amp; Energy</source>
        <translation>Недра и энергетика</translation>
    </message>
    <message>
        <source>Society &amp; Culture</source>
        <translation>Общество и культура</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Экология</translation>
    </message>
    <message>
        <source>Transport &amp; Infrastructure</source>
        <translation>Транспорт и инфраструктура</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Синхронизация</translation>
    </message>
    <message>
        <source>&amp;Rates</source>
        <translation>&amp;Курсы</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>Вн&amp;ешний вид</translation>
    </message>
    <message>
        <source>Sync &amp;every</source>
        <translation>Синхронизировать &amp;каждые</translation>
    </message>
    <message>
        <source>&amp;Keep stories for</source>
        <translation>&amp;Хранить новости</translation>
    </message>
    <message>
        <source>&amp;Notify</source>
        <translation>&amp;Уведомлять</translation>
    </message>
    <message>
        <source>Refresh rates &amp;every</source>
        <translation>Обновлять курсы &amp;каждые</translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation>&amp;Источники курсов</translation>
    </message>
    <message>
        <source>Sidebar &amp;currencies</source>
        <translation>&amp;Валюты на панели</translation>
    </message>
    <message>
        <source>Sidebar &amp;form</source>
        <translation>Ви&amp;д курса на панели</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>Show a desktop notification when a sync brings new stories</source>
        <translation>Показывать уведомление, когда синхронизация приносит новые новости</translation>
    </message>
    <message>
        <source>Show &quot;1 USD = … units&quot; instead of &quot;CUR/USD = …&quot;</source>
        <translation>Показывать «1 USD = … единиц» вместо «ВАЛ/USD = …»</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English (английский)</translation>
    </message>
    <message>
        <source>Russian (русский)</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>Only on F5</source>
        <translation>Только по F5</translation>
    </message>
    <message>
        <source>Forever</source>
        <translation>Всегда</translation>
    </message>
    <message>
        <source>Each provider&apos;s URLs replace its own, tried in order, separated by spaces; {date} is latest or YYYY-MM-DD (also {iso} {dmy} {dmy_slash} {dmy_compact} {year}). Empty: the provider&apos;s own.</source>
        <translation>Адреса заменяют собственные адреса источника, пробуются по порядку, через пробел; {date} — latest или ГГГГ-ММ-ДД (также {iso} {dmy} {dmy_slash} {dmy_compact} {year}). Пусто — собственные адреса источника.</translation>
    </message>
    <message>
        <source>Takes effect at the next start.</source>
        <translation>Вступит в силу при следующем запуске.</translation>
    </message>
    <message>
        <source>%1 URLs</source>
        <translation>Адреса %1</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> мин</translation>
    </message>
    <message>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <source>The provider&apos;s own (or https://… templates, separated by spaces)</source>
        <translation>Собственные адреса источника (или шаблоны https://… через пробел)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Settings groups</source>
        <translation>Группы настроек</translation>
    </message>
    <message>
        <source>S&amp;ources…</source>
        <translation>Ист&amp;очники…</translation>
    </message>
    <message>
        <source>Open the Sources dialog: add, rename, disable or remove sources, import or export OPML</source>
        <translation>Открыть окно «Источники»: добавить, переименовать, отключить или удалить источники, импорт и экспорт OPML</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Ленты</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Размер текста</translation>
    </message>
    <message>
        <source>The size of the article&apos;s text (also View → Bigger text, Ctrl++)</source>
        <translation>Размер текста новости (также Вид → Крупнее текст, Ctrl++)</translation>
    </message>
    <message>
        <source>Te&amp;xt size</source>
        <translation>&amp;Размер текста</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Данные</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Папка данных</translation>
    </message>
    <message>
        <source>Where the stories, rates and settings are kept</source>
        <translation>Где хранятся новости, курсы и настройки</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Открыть папку</translation>
    </message>
    <message>
        <source>Show the data folder in the file manager</source>
        <translation>Показать папку данных в файловом менеджере</translation>
    </message>
    <message>
        <source>Data &amp;folder</source>
        <translation>&amp;Папка данных</translation>
    </message>
    <message>
        <source>Stories, rates, settings and the log live here (start with --data-dir to use another).</source>
        <translation>Здесь хранятся новости, курсы, настройки и журнал (запустите с --data-dir, чтобы выбрать другую папку).</translation>
    </message>
    <message>
        <source>Could not read or save the settings: %1</source>
        <translation>Не удалось прочитать или сохранить настройки: %1</translation>
    </message>
    <message>
        <source>Could not read or save the settings (an internal error: %1).</source>
        <translation>Не удалось прочитать или сохранить настройки (внутренняя ошибка: %1).</translation>
    </message>
</context>
<context>
    <name>ShortcutsSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>In the story list, Enter opens the story, and its original in the browser once it is open. Single keys do not act while you type in a text box.</source>
        <translation>В списке новостей Enter открывает новость, а если она уже открыта — её оригинал в браузере. Одиночные клавиши не действуют, пока вы набираете текст в поле ввода.</translation>
    </message>
</context>
<context>
    <name>SortOrder</name>
    <message>
        <source>Newest first</source>
        <translation>Сначала новые</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Сначала старые</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>Лучшие совпадения</translation>
    </message>
</context>
<context>
    <name>SourcesDialog</name>
    <message>
        <source>Automatic</source>
        <translation>Автоматически</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Всегда</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Никогда</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Feed address</source>
        <translation>Адрес ленты</translation>
    </message>
    <message>
        <source>Stories</source>
        <translation>Новости</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Обновлён</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <source>Feed or site address, e.g. https://timesca.com/</source>
        <translation>Адрес ленты или сайта, например https://timesca.com/</translation>
    </message>
    <message>
        <source>Address of the source to add</source>
        <translation>Адрес добавляемого источника</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>Название (необязательно)</translation>
    </message>
    <message>
        <source>Name of the source to add</source>
        <translation>Название добавляемого источника</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>Add the source; a site&apos;s address is searched for its feed</source>
        <translation>Добавить источник; по адресу сайта его лента ищется автоматически</translation>
    </message>
    <message>
        <source>Every source with its state and last problem; the buttons below act on the selected one</source>
        <translation>Все источники, их состояние и последняя проблема; кнопки ниже действуют на выбранный</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Переименовать…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <source>&amp;Import OPML…</source>
        <translation>&amp;Импорт OPML…</translation>
    </message>
    <message>
        <source>&amp;Export OPML…</source>
        <translation>&amp;Экспорт OPML…</translation>
    </message>
    <message>
        <source>Full articles for the selected source</source>
        <translation>Полные тексты для выбранного источника</translation>
    </message>
    <message>
        <source>Whether the sync fetches each story&apos;s page for the whole story to read offline: automatic when the feed sends only a summary, always, or never</source>
        <translation>Загружает ли синхронизация страницу каждой новости, чтобы читать её целиком без сети: автоматически, когда лента присылает только анонс, всегда или никогда</translation>
    </message>
    <message>
        <source>Automatic fetches the page when the feed sends only a summary or a read-more link</source>
        <translation>«Автоматически» — страница загружается, когда лента присылает только анонс или ссылку «читать далее»</translation>
    </message>
    <message>
        <source>&amp;Full articles:</source>
        <translation>Полные &amp;тексты:</translation>
    </message>
    <message>
        <source>A disabled source keeps its stories and is not fetched</source>
        <translation>Отключённый источник сохраняет свои новости и не загружается</translation>
    </message>
    <message>
        <source>Removes the source and its stories; bookmarked stories are kept</source>
        <translation>Удаляет источник и его новости; новости в закладках сохраняются</translation>
    </message>
    <message>
        <source>Sources message</source>
        <translation>Сообщение об источниках</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (отключён)</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <source>Steppe could not make this change (an internal error, logged in %1)</source>
        <translation>Steppe не удалось внести это изменение (внутренняя ошибка, записана в %1)</translation>
    </message>
    <message>
        <source>Steppe could not make this change (an internal error)</source>
        <translation>Steppe не удалось внести это изменение (внутренняя ошибка)</translation>
    </message>
    <message>
        <source>Type the address of a feed or of a site first.</source>
        <translation>Сначала введите адрес ленты или сайта.</translation>
    </message>
    <message>
        <source>Looking for the feed at %1…</source>
        <translation>Поиск ленты по адресу %1…</translation>
    </message>
    <message>
        <source>Added %1 — %2 (with the WordPress API for full stories). It is fetched at the next sync.</source>
        <translation>Добавлен %1 — %2 (с API WordPress для полных текстов). Он загрузится при следующей синхронизации.</translation>
    </message>
    <message>
        <source>Added %1 — %2. It is fetched at the next sync.</source>
        <translation>Добавлен %1 — %2. Он загрузится при следующей синхронизации.</translation>
    </message>
    <message>
        <source>Rename source</source>
        <translation>Переименовать источник</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>Renamed to %1</source>
        <translation>Переименован в %1</translation>
    </message>
    <message>
        <source>%1 enabled</source>
        <translation>%1 включён</translation>
    </message>
    <message>
        <source>%1 disabled: its stories stay, it is not fetched</source>
        <translation>%1 отключён: его новости остаются, он не загружается</translation>
    </message>
    <message>
        <source>%1: full articles fetched when its feed sends only a summary (from the next sync)</source>
        <translation>%1: полные тексты загружаются, когда лента присылает только анонс (со следующей синхронизации)</translation>
    </message>
    <message>
        <source>%1: full articles always fetched (from the next sync)</source>
        <translation>%1: полные тексты загружаются всегда (со следующей синхронизации)</translation>
    </message>
    <message>
        <source>%1: full articles never fetched (from the next sync)</source>
        <translation>%1: полные тексты не загружаются (со следующей синхронизации)</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>Удалить источник</translation>
    </message>
    <message numerus="yes">
        <source>Remove %1 and its %Ln stories? Bookmarked stories are never removed.</source>
        <translation>
            <numerusform>Удалить %1 и его %Ln новость? Новости в закладках не удаляются никогда.</numerusform>
            <numerusform>Удалить %1 и его %Ln новости? Новости в закладках не удаляются никогда.</numerusform>
            <numerusform>Удалить %1 и его %Ln новостей? Новости в закладках не удаляются никогда.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %1 and %Ln stories</source>
        <translation>
            <numerusform>Источник %1 удалён, удалено новостей: %Ln</numerusform>
            <numerusform>Источник %1 удалён, удалено новостей: %Ln</numerusform>
            <numerusform>Источник %1 удалён, удалено новостей: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Import OPML</source>
        <translation>Импорт OPML</translation>
    </message>
    <message>
        <source>OPML (*.opml *.xml);;All files (*)</source>
        <translation>OPML (*.opml *.xml);;Все файлы (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln new sources from %1 (%2 already there or unusable)</source>
        <translation>
            <numerusform>Из %1 импортирован %Ln новый источник (уже были или не подошли: %2)</numerusform>
            <numerusform>Из %1 импортировано %Ln новых источника (уже были или не подошли: %2)</numerusform>
            <numerusform>Из %1 импортировано %Ln новых источников (уже были или не подошли: %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Export OPML</source>
        <translation>Экспорт OPML</translation>
    </message>
    <message>
        <source>OPML (*.opml)</source>
        <translation>OPML (*.opml)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln sources to %1</source>
        <translation>
            <numerusform>В %1 записан %Ln источник</numerusform>
            <numerusform>В %1 записано %Ln источника</numerusform>
            <numerusform>В %1 записано %Ln источников</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StateLabel</name>
    <message>
        <source>What the cache holds</source>
        <translation>Что хранится в кэше</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories</source>
        <translation>
            <numerusform>%Ln новость</numerusform>
            <numerusform>%Ln новости</numerusform>
            <numerusform>%Ln новостей</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 unread</source>
        <translation>непрочитанных: %1</translation>
    </message>
    <message>
        <source>%1 bookmarked</source>
        <translation>в закладках: %1</translation>
    </message>
    <message numerus="yes">
        <source>sample data: %Ln sample stories</source>
        <translation>
            <numerusform>образцов: %Ln</numerusform>
            <numerusform>образцов: %Ln</numerusform>
            <numerusform>образцов: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>No rates stored</source>
        <translation>Курсов нет</translation>
    </message>
    <message>
        <source>Rates of %1</source>
        <translation>Курсы на %1</translation>
    </message>
    <message>
        <source>the provider</source>
        <translation>источник курсов</translation>
    </message>
    <message>
        <source>%1 · %2 offline since %3</source>
        <translation>%1 · %2 недоступен с %3</translation>
    </message>
    <message>
        <source>%1, checked %2</source>
        <translation>%1, проверено %2</translation>
    </message>
</context>
<context>
    <name>StoryListModel</name>
    <message>
        <source>%1 (sample)</source>
        <translation>%1 (пример)</translation>
    </message>
    <message>
        <source>summary only</source>
        <translation>только анонс</translation>
    </message>
    <message>
        <source>No stories match</source>
        <translation>Подходящих новостей нет</translation>
    </message>
    <message numerus="yes">
        <source>Showing 1–%1 of about %Ln stories</source>
        <translation>
            <numerusform>Показаны 1–%1 из примерно %Ln новости</numerusform>
            <numerusform>Показаны 1–%1 из примерно %Ln новостей</numerusform>
            <numerusform>Показаны 1–%1 из примерно %Ln новостей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing 1–%1 of %Ln stories</source>
        <translation>
            <numerusform>Показаны 1–%1 из %Ln новости</numerusform>
            <numerusform>Показаны 1–%1 из %Ln новостей</numerusform>
            <numerusform>Показаны 1–%1 из %Ln новостей</numerusform>
        </translation>
    </message>
    <message>
        <source> · best matches among the newest %1</source>
        <translation> · лучшие совпадения среди %1 самых новых</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Не прочитано</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Прочитано</translation>
    </message>
    <message>
        <source>Unread, bookmarked</source>
        <translation>Не прочитано, в закладках</translation>
    </message>
    <message>
        <source>Read, bookmarked</source>
        <translation>Прочитано, в закладках</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Sync status</source>
        <translation>Состояние синхронизации</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Ход синхронизации</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Прервать</translation>
    </message>
    <message>
        <source>Stop this sync (what arrived so far is kept)</source>
        <translation>Остановить синхронизацию (уже полученное сохранится)</translation>
    </message>
    <message>
        <source>Sync problems</source>
        <translation>Ошибки синхронизации</translation>
    </message>
    <message>
        <source>Show which sources failed and why</source>
        <translation>Показать, какие источники не ответили и почему</translation>
    </message>
    <message>
        <source>Offline since %1 · not synced yet</source>
        <translation>Нет сети с %1 · ещё не синхронизировано</translation>
    </message>
    <message>
        <source>Offline since %1 · last sync %2</source>
        <translation>Нет сети с %1 · последняя синхронизация %2</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Последняя синхронизация %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ещё не синхронизировано</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Синхронизация…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Прерывание…</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Синхронизация не удалась: %1</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n sources failed</source>
        <translation>
            <numerusform>⚠ Не ответил %n источник</numerusform>
            <numerusform>⚠ Не ответили %n источника</numerusform>
            <numerusform>⚠ Не ответили %n источников</numerusform>
        </translation>
    </message>
    <message>
        <source>Click for the list and the details</source>
        <translation>Нажмите, чтобы увидеть список и подробности</translation>
    </message>
</context>
<context>
    <name>SyncErrorsDialog</name>
    <message>
        <source>Offline — showing saved stories</source>
        <translation>Нет сети — показаны сохранённые новости</translation>
    </message>
    <message>
        <source>Sync problems</source>
        <translation>Проблемы синхронизации</translation>
    </message>
    <message>
        <source>Problems in short</source>
        <translation>Проблемы вкратце</translation>
    </message>
    <message>
        <source>Sources that failed</source>
        <translation>Источники с ошибками</translation>
    </message>
    <message>
        <source>Each failed source with why; Details shows the technical side of the selected one</source>
        <translation>Каждый источник с ошибкой и её причина; «Подробности» показывают техническую сторону выбранной</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Технические подробности</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Файл журнала</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Подробности</translation>
    </message>
    <message>
        <source>The technical side of the selected problem, for a bug report (in English)</source>
        <translation>Техническая сторона выбранной проблемы, для сообщения об ошибке (по-английски)</translation>
    </message>
    <message>
        <source>No sync has run since the app started.</source>
        <translation>С запуска программы синхронизации не было.</translation>
    </message>
    <message>
        <source>%1: no source could be reached in the sync at %2.</source>
        <translation>%1: при синхронизации в %2 ни один источник не ответил.</translation>
    </message>
    <message>
        <source>%1 of %2 sources failed in the sync at %3. The others were updated; saved stories stay readable. The next sync tries again.</source>
        <translation>Источников с ошибками при синхронизации в %3: %1 из %2. Остальные обновлены; сохранённые новости можно читать. Следующая синхронизация попробует снова.</translation>
    </message>
    <message>
        <source>Every source synced at %1.</source>
        <translation>Все источники синхронизированы в %1.</translation>
    </message>
    <message>
        <source>Every problem is also written, with its technical detail, to the log file %1</source>
        <translation>Каждая проблема с техническими подробностями записывается и в файл журнала %1</translation>
    </message>
    <message>
        <source>No log file is being written.</source>
        <translation>Файл журнала не ведётся.</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>Скрыть &amp;подробности</translation>
    </message>
</context>
<context>
    <name>ThemeActions</name>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Системная</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Светлая</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Тёмная</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <source>Steppe Reader</source>
        <translation>Steppe Reader</translation>
    </message>
    <message>
        <source>Upgrading the story cache (one time)…</source>
        <translation>Обновление кэша новостей (один раз)…</translation>
    </message>
    <message>
        <source>This version stores the stories more compactly. If it is stopped, the cache is kept as it was and the upgrade starts again next time.</source>
        <translation>Эта версия хранит новости компактнее. Если обновление остановить, кэш останется прежним, а обновление начнётся заново при следующем запуске.</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Подготовка…</translation>
    </message>
    <message>
        <source>Upgrade progress</source>
        <translation>Ход обновления</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Остановить и выйти</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln stories</source>
        <translation>
            <numerusform>%1 из %Ln новости</numerusform>
            <numerusform>%1 из %Ln новостей</numerusform>
            <numerusform>%1 из %Ln новостей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln full articles</source>
        <translation>
            <numerusform>%1 из %Ln полного текста</numerusform>
            <numerusform>%1 из %Ln полных текстов</numerusform>
            <numerusform>%1 из %Ln полных текстов</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping… the cache is kept as it was.</source>
        <translation>Остановка… кэш останется прежним.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>
&lt;h2&gt;Welcome to Steppe Reader&lt;/h2&gt;
&lt;p&gt;News from Central Asia beside the currency rates that shape it.&lt;/p&gt;
&lt;h3&gt;The stories you see first are samples&lt;/h3&gt;
&lt;p&gt;The stories whose source says &lt;i&gt;sample&lt;/i&gt; come with Steppe Reader: we wrote them ourselves,
from public facts, so the window has something to show before your first sync. They are not
news from a real site, and clearing old stories never removes them.&lt;/p&gt;
&lt;h3&gt;Add a source&lt;/h3&gt;
&lt;p&gt;Open &lt;b&gt;Sync → Sources…&lt;/b&gt; (Ctrl+Shift+O) and type a site&apos;s address: Steppe Reader finds its
feed by itself. Already follow sites in another reader? Export them there as OPML and use
&lt;b&gt;Import OPML…&lt;/b&gt; in the same dialog.&lt;/p&gt;
&lt;h3&gt;Sync&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;Sync → Sync now&lt;/b&gt; (F5) fetches new stories from every source; while the window is open
it also syncs by itself on the interval chosen in &lt;b&gt;File → Settings…&lt;/b&gt; (Ctrl+,).&lt;/p&gt;
&lt;h3&gt;Your data&lt;/h3&gt;
&lt;p&gt;Stories, bookmarks, rates and settings live in one folder on this computer, shown below.
Steppe Reader talks only to your sources&apos; sites and the rates providers.&lt;/p&gt;
</source>
        <translation>
&lt;h2&gt;Добро пожаловать в Steppe Reader&lt;/h2&gt;
&lt;p&gt;Новости Центральной Азии рядом с курсами валют, которые на них влияют.&lt;/p&gt;
&lt;h3&gt;Первые новости — примеры&lt;/h3&gt;
&lt;p&gt;Новости, у которых в источнике написано &lt;i&gt;samples&lt;/i&gt;, поставляются вместе со Steppe Reader: мы написали
их сами по открытым данным, чтобы окну было что показать до первой синхронизации. Это не новости
с настоящего сайта, и очистка старых новостей их никогда не удаляет.&lt;/p&gt;
&lt;h3&gt;Добавьте источник&lt;/h3&gt;
&lt;p&gt;Откройте &lt;b&gt;Синхронизация → Источники…&lt;/b&gt; (Ctrl+Shift+O) и введите адрес сайта: Steppe Reader
сам найдёт его ленту. Уже читаете сайты в другой программе? Экспортируйте их там в OPML
и воспользуйтесь кнопкой &lt;b&gt;Импорт OPML…&lt;/b&gt; в том же окне.&lt;/p&gt;
&lt;h3&gt;Синхронизация&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;Синхронизация → Синхронизировать сейчас&lt;/b&gt; (F5) загружает свежие новости из всех источников;
пока окно открыто, синхронизация идёт и сама, с интервалом из &lt;b&gt;Файл → Настройки…&lt;/b&gt; (Ctrl+,).&lt;/p&gt;
&lt;h3&gt;Ваши данные&lt;/h3&gt;
&lt;p&gt;Новости, закладки, курсы и настройки хранятся в одной папке на этом компьютере, она показана ниже.
Steppe Reader обращается только к сайтам ваших источников и к поставщикам курсов.&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>Welcome to Steppe Reader</source>
        <translation>Добро пожаловать в Steppe Reader</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Добро пожаловать</translation>
    </message>
    <message>
        <source>What the sample stories are, how to add sources and sync</source>
        <translation>Что такое новости-примеры, как добавить источники и синхронизировать</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Папка данных</translation>
    </message>
    <message>
        <source>Data &amp;folder:</source>
        <translation>&amp;Папка данных:</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Открыть папку</translation>
    </message>
    <message>
        <source>Show the data folder in the file manager</source>
        <translation>Показать папку данных в файловом менеджере</translation>
    </message>
</context>
</TS>
