<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Pain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anxiety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTSD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addiction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IV infusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Injection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nasal spray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By mouth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care at home (online)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTSD care (not ketamine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medicaid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medicare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private insurance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sliding fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Military insurance (TRICARE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{distance} mi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMMM d, yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {source}, {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing from {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call to confirm before you go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinics you can visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care at home in {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other PTSD care in {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other PTSD care near you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} (nearest {count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The FDA warned in 2023: compounded ketamine taken at home is not FDA-approved for any psychiatric use, and at home no one monitors you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ On your list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Take with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech is on. Use the arrow keys to move and Enter to choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume {level} of {total}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>For your privacy, this screen will start over in %n seconds.</source>
        <translation>
            <numerusform>For your privacy, this screen will start over in %n second.</numerusform>
            <numerusform>For your privacy, this screen will start over in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>To have more time, press any key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have more time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screen is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screen is off. Speech goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digit entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ZIP code is complete. Press Enter to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of the page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start of the page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learn at your own pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short pages about PTSD and its treatment, in plain words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find care near you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinics and other PTSD care, by ZIP code or by state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help is here, day and night</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free, private crisis lines, 24 hours a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your privacy matters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This screen starts over when you leave. Nothing you type is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch anywhere to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For audio, press any key on the keypad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff PIN pad</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. The keypad is locked: wait %n seconds.</source>
        <translation>
            <numerusform>Too many wrong PINs. The keypad is locked: wait %n second.</numerusform>
            <numerusform>Too many wrong PINs. The keypad is locked: wait %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the PIN...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left before the keypad locks.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left before the keypad locks.</numerusform>
            <numerusform>Wrong PIN. %n tries left before the keypad locks.</numerusform>
        </translation>
    </message>
    <message>
        <source>The PIN could not be checked. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still there? message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>miles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>button</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {current} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>star</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clinics found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n clinics found.</source>
        <translation>
            <numerusform>%n clinic found.</numerusform>
            <numerusform>%n clinics found.</numerusform>
        </translation>
    </message>
    <message>
        <source>{section}: {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call or text 988. In danger now: call 911. Tell the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learn at your own pace. Tap a topic to begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Continue to read the page, or Go back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {current} of {total}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press {key} to hear the next part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the 5 numbers of a ZIP code, then press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get help now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Need to talk to someone now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit a clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care at home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other PTSD care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your ZIP code, or choose your state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how far, and what you want help with. Choose nothing to see everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap a clinic to see its phone and address. Mark up to 3 to take with you on your phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing you type here is saved. It is all cleared when you leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a ZIP code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near this clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose any. Choose none to see all clinics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How this works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type of care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your list: tap to remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your list is full (3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For veterans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helps with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ways to take ketamine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pays with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last verified: {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last verified: not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera to save this clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the clinic list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinics in {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinics within {miles} miles of this clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinics within {miles} miles of {zip} ({city}, {state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other PTSD care listed in {state}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other PTSD care listed within {miles} miles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clinics to visit in {state}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clinics within {miles} miles of this clinic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clinics within {miles} miles of {zip}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No at-home care found for {state}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search {miles} miles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map of the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still loading the clinic directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in demo directory (sample data): {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in memory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{outpatient} outpatient clinics, {at_home} at-home providers, {therapy} other PTSD care listings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version}, imported {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This clinic: {name} ({id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A ZIP code has 5 numbers. Please check and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We could not find ZIP code {zip}. Please check the numbers, or choose your state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clinic list is not available right now. Please ask the front desk for help finding a clinic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic finder screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other kinds of care are listed below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap a number to see that clinic, or a group to zoom in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your list: {count} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample data: not real clinics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clinic finder is not available right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please ask the front desk for help finding a clinic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reader</source>
        <translation></translation>
    </message>
    <message>
        <source>Tap anywhere to close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press any key to close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note before you read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{current} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words on this page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed by {name} on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get help now screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save these numbers on your phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point your phone&apos;s camera at the code. It saves 988 (call or text) and the Veterans Crisis Line&apos;s text number, 838255.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>988 Suicide &amp; Crisis Lifeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Veterans Crisis Line (text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick hide screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathe in slowly, and out slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap to show the whole path</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>... and %n more</source>
        <translation>
            <numerusform>... and %n more</numerusform>
            <numerusform>... and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload content and data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit the kiosk? The screen shows the computer&apos;s desktop until the kiosk is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay in the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, exit the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} clinic listings were last verified more than {days} days ago (locator.stale_after_days); the directory is due an update</source>
        <translation>
            <numerusform>%n of {total} clinic listings was last verified more than {days} days ago (locator.stale_after_days); the directory is due an update</numerusform>
            <numerusform>%n of {total} clinic listings were last verified more than {days} days ago (locator.stale_after_days); the directory is due an update</numerusform>
        </translation>
    </message>
    <message>
        <source>Care at home in {states}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take it with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of 3 clinics on your list</source>
        <translation>
            <numerusform>%n of 3 clinics on your list</numerusform>
            <numerusform>%n of 3 clinics on your list</numerusform>
        </translation>
    </message>
    <message>
        <source>Your list is empty. Tap “+ Take with you” on a clinic to add it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listings can be out of date. Call to confirm before you go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your phone shows this list as text, with 988 for crisis help. Nothing is saved here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screen is working again. Tap Home to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hawaii</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map of the United States</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Map: %n clinics within {miles} miles of {zip}</source>
        <translation>
            <numerusform>Map: %n clinic within {miles} miles of {zip}</numerusform>
            <numerusform>Map: %n clinics within {miles} miles of {zip}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Map: %n clinics</source>
        <translation>
            <numerusform>Map: %n clinic</numerusform>
            <numerusform>Map: %n clinics</numerusform>
        </translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic (number as in the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several clinics: tap to zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care at home is not on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{miles} miles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 mile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(lower 48)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinics to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In crisis or thinking of suicide: call or text 988 (free, 24/7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle resets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reviewed by {name} on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed since review (reviewed by {name} on {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problems in the settings file</source>
        <translation>
            <numerusform>%n problem in the settings file</numerusform>
            <numerusform>%n problems in the settings file</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{lang}: %n pages</source>
        <translation>
            <numerusform>{lang}: %n page</numerusform>
            <numerusform>{lang}: %n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>Version {version}, loaded {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured pack had no valid page; showing the built-in pack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problems in the content pack</source>
        <translation>
            <numerusform>%n problem in the content pack</numerusform>
            <numerusform>%n problems in the content pack</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content pack in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical review</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pages await a clinician&apos;s review</source>
        <translation>
            <numerusform>%n page awaits a clinician&apos;s review</numerusform>
            <numerusform>%n pages await a clinician&apos;s review</numerusform>
        </translation>
    </message>
    <message>
        <source>Every page&apos;s review is recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden from patients ([content] show = &quot;{show}&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pages are hidden until a clinician signs them off</source>
        <translation>
            <numerusform>%n page is hidden until a clinician signs it off</numerusform>
            <numerusform>%n pages are hidden until a clinician signs them off</numerusform>
        </translation>
    </message>
    <message>
        <source>None: every page&apos;s review holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>fewer than %n</source>
        <translation>
            <numerusform>fewer than %n</numerusform>
            <numerusform>fewer than %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Counts above 0 and below %n are shown as &quot;fewer than %n&quot;, so that no one person&apos;s visit can be picked out.</source>
        <translation>
            <numerusform>Counts above 0 and below %n are shown as &quot;fewer than %n&quot;, so that no one person&apos;s visit can be picked out.</numerusform>
            <numerusform>Counts above 0 and below %n are shown as &quot;fewer than %n&quot;, so that no one person&apos;s visit can be picked out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Live updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice: {engine}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No voice installed: the Listen button is hidden (see docs/read-aloud.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to this file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stderr only</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It starts afresh after %n hours of running, the next time a session ends with nobody at the kiosk ([kiosk] fresh_start_hours).</source>
        <translation>
            <numerusform>It starts afresh after %n hour of running, the next time a session ends with nobody at the kiosk ([kiosk] fresh_start_hours).</numerusform>
            <numerusform>It starts afresh after %n hours of running, the next time a session ends with nobody at the kiosk ([kiosk] fresh_start_hours).</numerusform>
        </translation>
    </message>
    <message>
        <source>It never starts afresh by itself ([kiosk] fresh_start_hours = 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk runs under systemd and restarts a few seconds after Exit kiosk. For maintenance, stop it with: systemctl stop kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Usage, last %n days</source>
        <translation>
            <numerusform>Usage, last %n day</numerusform>
            <numerusform>Usage, last %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload refused at {time}: {reason}. The current content keeps serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloaded at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content rendered at {time} (version {version}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload failed at {time}: {error}. The current content keeps serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendering the content failed at {time}: {error}. The current content keeps serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloading...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: live since {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the content folder {folder} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usable page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{errors} (and {more} more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>files changed while they were checked (a copy still under way?); they are checked again once they settle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error while {what} at {time}: {error}. The current content keeps serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>watching for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking new content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking new clinic data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>taking in new content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update refused at {time}: {reason}. The old content keeps serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update checked at {time}; it goes live at the next reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update refused at {time}: {reason}. The old clinic data keeps serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n errors in live updates, never shown to patients (see the log). Last: {error}</source>
        <translation>
            <numerusform>%n error in live updates, never shown to patients (see the log). Last: {error}</numerusform>
            <numerusform>%n errors in live updates, never shown to patients (see the log). Last: {error}</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in content and sample clinics: nothing to watch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
