<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Pain</source>
        <translation>Dolor</translation>
    </message>
    <message>
        <source>Depression</source>
        <translation>Depresión</translation>
    </message>
    <message>
        <source>Anxiety</source>
        <translation>Ansiedad</translation>
    </message>
    <message>
        <source>PTSD</source>
        <translation>TEPT</translation>
    </message>
    <message>
        <source>OCD</source>
        <translation>TOC</translation>
    </message>
    <message>
        <source>Addiction</source>
        <translation>Adicción</translation>
    </message>
    <message>
        <source>IV infusion</source>
        <translation>Infusión intravenosa</translation>
    </message>
    <message>
        <source>Injection</source>
        <translation>Inyección</translation>
    </message>
    <message>
        <source>Nasal spray</source>
        <translation>Aerosol nasal</translation>
    </message>
    <message>
        <source>By mouth</source>
        <translation>Por vía oral</translation>
    </message>
    <message>
        <source>Clinic visits</source>
        <translation>Visitas a la clínica</translation>
    </message>
    <message>
        <source>Care at home (online)</source>
        <translation>Atención en casa (en línea)</translation>
    </message>
    <message>
        <source>PTSD care (not ketamine)</source>
        <translation>Atención para el TEPT (sin ketamina)</translation>
    </message>
    <message>
        <source>Medicaid</source>
        <translation>Seguro Medicaid</translation>
    </message>
    <message>
        <source>Medicare</source>
        <translation>Seguro Medicare</translation>
    </message>
    <message>
        <source>Private insurance</source>
        <translation>Seguro privado</translation>
    </message>
    <message>
        <source>Sliding fee</source>
        <translation>Tarifa según ingresos</translation>
    </message>
    <message>
        <source>Military insurance (TRICARE)</source>
        <translation>Seguro militar (TRICARE)</translation>
    </message>
    <message>
        <source>{distance} mi</source>
        <translation>{distance} mi</translation>
    </message>
    <message>
        <source>MMMM d, yyyy</source>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>From {source}, {date}</source>
        <translation>Fuente: {source}, {date}</translation>
    </message>
    <message>
        <source>From {source}</source>
        <translation>Fuente: {source}</translation>
    </message>
    <message>
        <source>Listing from {date}</source>
        <translation>Datos de {date}</translation>
    </message>
    <message>
        <source>Call to confirm before you go.</source>
        <translation>Llame para confirmar antes de ir.</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Clinics you can visit</source>
        <translation>Clínicas que puede visitar</translation>
    </message>
    <message>
        <source>Care at home in {state}</source>
        <translation>Atención en casa en {state}</translation>
    </message>
    <message>
        <source>Other PTSD care in {state}</source>
        <translation>Otra atención para el TEPT en {state}</translation>
    </message>
    <message>
        <source>Other PTSD care near you</source>
        <translation>Otra atención para el TEPT cerca de usted</translation>
    </message>
    <message>
        <source>{title} (nearest {count})</source>
        <translation>{title} (los {count} más cercanos)</translation>
    </message>
    <message>
        <source>{title} ({count})</source>
        <translation>{title} ({count})</translation>
    </message>
    <message>
        <source>The FDA warned in 2023: compounded ketamine taken at home is not FDA-approved for any psychiatric use, and at home no one monitors you.</source>
        <translation>La FDA advirtió en 2023: la ketamina preparada en farmacia (compuesta) que se toma en casa no está aprobada por la FDA para ningún uso psiquiátrico, y en casa nadie le vigila.</translation>
    </message>
    <message>
        <source>On your list</source>
        <translation>En su lista</translation>
    </message>
    <message>
        <source>✓ On your list</source>
        <translation>✓ En su lista</translation>
    </message>
    <message>
        <source>+ Take with you</source>
        <translation>+ Llevar con usted</translation>
    </message>
    <message>
        <source>This clinic</source>
        <translation>Esta clínica</translation>
    </message>
    <message>
        <source>Screen off</source>
        <translation>Pantalla apagada</translation>
    </message>
    <message>
        <source>Speech is on. Use the arrow keys to move and Enter to choose.</source>
        <translation>Voz activada. Use las flechas para moverse y Enter para elegir.</translation>
    </message>
    <message>
        <source>Speech is off.</source>
        <translation>Voz desactivada.</translation>
    </message>
    <message>
        <source>Volume {level} of {total}.</source>
        <translation>Volumen {level} de {total}.</translation>
    </message>
    <message>
        <source>Still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message numerus="yes">
        <source>For your privacy, this screen will start over in %n seconds.</source>
        <translation>
            <numerusform>Por su privacidad, esta pantalla volverá al inicio en %n segundo.</numerusform>
            <numerusform>Por su privacidad, esta pantalla volverá al inicio en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>To have more time, press any key.</source>
        <translation>Para tener más tiempo, pulse cualquier tecla.</translation>
    </message>
    <message>
        <source>You have more time.</source>
        <translation>Tiene más tiempo.</translation>
    </message>
    <message>
        <source>The screen is on.</source>
        <translation>La pantalla está encendida.</translation>
    </message>
    <message>
        <source>The screen is off. Speech goes on.</source>
        <translation>La pantalla está apagada. La voz sigue.</translation>
    </message>
    <message>
        <source>link</source>
        <translation>enlace</translation>
    </message>
    <message>
        <source>Digit entered.</source>
        <translation>Número escrito.</translation>
    </message>
    <message>
        <source>The ZIP code is complete. Press Enter to search.</source>
        <translation>El código postal está completo. Pulse Enter para buscar.</translation>
    </message>
    <message>
        <source>End of the page.</source>
        <translation>Fin de la página.</translation>
    </message>
    <message>
        <source>Start of the page.</source>
        <translation>Principio de la página.</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>Sigo aquí</translation>
    </message>
    <message>
        <source>Learn at your own pace</source>
        <translation>Aprenda a su ritmo</translation>
    </message>
    <message>
        <source>Short pages about PTSD and its treatment, in plain words.</source>
        <translation>Páginas cortas sobre el TEPT y su tratamiento, en palabras sencillas.</translation>
    </message>
    <message>
        <source>Find care near you</source>
        <translation>Encuentre atención cerca de usted</translation>
    </message>
    <message>
        <source>Clinics and other PTSD care, by ZIP code or by state.</source>
        <translation>Clínicas y otra atención para el TEPT, por código postal o por estado.</translation>
    </message>
    <message>
        <source>Help is here, day and night</source>
        <translation>Aquí hay ayuda, de día y de noche</translation>
    </message>
    <message>
        <source>Free, private crisis lines, 24 hours a day.</source>
        <translation>Líneas de crisis gratuitas y privadas, las 24 horas del día.</translation>
    </message>
    <message>
        <source>Your privacy matters</source>
        <translation>Su privacidad importa</translation>
    </message>
    <message>
        <source>This screen starts over when you leave. Nothing you type is kept.</source>
        <translation>Esta pantalla vuelve al inicio cuando usted se va. No se guarda nada de lo que escribe.</translation>
    </message>
    <message>
        <source>Start screen</source>
        <translation>Pantalla de bienvenida</translation>
    </message>
    <message>
        <source>Touch anywhere to start</source>
        <translation>Toque en cualquier lugar para empezar</translation>
    </message>
    <message>
        <source>For audio, press any key on the keypad.</source>
        <translation>Para escuchar, pulse cualquier tecla del teclado numérico.</translation>
    </message>
    <message>
        <source>Staff PIN pad</source>
        <translation>Teclado del PIN del personal</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. The keypad is locked: wait %n seconds.</source>
        <translation>
            <numerusform>Demasiados PIN incorrectos. El teclado está bloqueado: espere %n segundo.</numerusform>
            <numerusform>Demasiados PIN incorrectos. El teclado está bloqueado: espere %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the PIN...</source>
        <translation>Comprobando el PIN...</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left before the keypad locks.</source>
        <translation>
            <numerusform>PIN incorrecto. Queda %n intento antes de que se bloquee el teclado.</numerusform>
            <numerusform>PIN incorrecto. Quedan %n intentos antes de que se bloquee el teclado.</numerusform>
        </translation>
    </message>
    <message>
        <source>The PIN could not be checked. Try again.</source>
        <translation>No se pudo comprobar el PIN. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>PIN del personal</translation>
    </message>
    <message>
        <source>Still there? message</source>
        <translation>Mensaje: ¿Sigue ahí?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>miles</source>
        <translation>millas</translation>
    </message>
    <message>
        <source>list</source>
        <translation>lista</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>button</source>
        <translation>botón</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>seleccionado</translation>
    </message>
    <message>
        <source>not selected</source>
        <translation>no seleccionado</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <source>step {current} of {total}</source>
        <translation>paso {current} de {total}</translation>
    </message>
    <message>
        <source>plus</source>
        <translation>más</translation>
    </message>
    <message>
        <source>minus</source>
        <translation>menos</translation>
    </message>
    <message>
        <source>star</source>
        <translation>asterisco</translation>
    </message>
    <message>
        <source>slash</source>
        <translation>barra</translation>
    </message>
    <message>
        <source>point</source>
        <translation>punto</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Retroceso</translation>
    </message>
    <message>
        <source>Page Down</source>
        <translation>Avanzar página</translation>
    </message>
    <message>
        <source>Page Up</source>
        <translation>Retroceder página</translation>
    </message>
    <message>
        <source>Up arrow</source>
        <translation>Flecha arriba</translation>
    </message>
    <message>
        <source>Down arrow</source>
        <translation>Flecha abajo</translation>
    </message>
    <message>
        <source>Left arrow</source>
        <translation>Flecha izquierda</translation>
    </message>
    <message>
        <source>Right arrow</source>
        <translation>Flecha derecha</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} o {second}</translation>
    </message>
    <message>
        <source>Press Enter to search</source>
        <translation>Pulse Enter para buscar</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Borrado</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vacío</translation>
    </message>
    <message>
        <source>No clinics found.</source>
        <translation>No se encontraron clínicas.</translation>
    </message>
    <message numerus="yes">
        <source>%n clinics found.</source>
        <translation>
            <numerusform>Se encontró %n clínica.</numerusform>
            <numerusform>Se encontraron %n clínicas.</numerusform>
        </translation>
    </message>
    <message>
        <source>{section}: {count}.</source>
        <translation>{section}: {count}.</translation>
    </message>
    <message>
        <source>Call or text 988. In danger now: call 911. Tell the front desk.</source>
        <translation>Llame o envíe un mensaje de texto al 988. Si está en peligro ahora, llame al 911. Avise en la recepción.</translation>
    </message>
    <message>
        <source>Home screen</source>
        <translation>Pantalla de inicio</translation>
    </message>
    <message>
        <source>Learn at your own pace. Tap a topic to begin.</source>
        <translation>Aprenda a su ritmo. Toque un tema para empezar.</translation>
    </message>
    <message>
        <source>Choose Continue to read the page, or Go back.</source>
        <translation>Elija Continuar para leer la página, o Regresar.</translation>
    </message>
    <message>
        <source>Page {current} of {total}.</source>
        <translation>Página {current} de {total}.</translation>
    </message>
    <message>
        <source>Press {key} to hear the next part.</source>
        <translation>Pulse {key} para oír la parte siguiente.</translation>
    </message>
    <message>
        <source>Find a clinic</source>
        <translation>Buscar una clínica</translation>
    </message>
    <message>
        <source>Type the 5 numbers of a ZIP code, then press Enter.</source>
        <translation>Escriba los 5 números de un código postal y luego pulse Enter.</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Código QR</translation>
    </message>
    <message>
        <source>Get help now</source>
        <translation>Ayuda ahora</translation>
    </message>
    <message>
        <source>Need to talk to someone now?</source>
        <translation>¿Necesita hablar con alguien ahora?</translation>
    </message>
    <message>
        <source>Visit a clinic</source>
        <translation>Ir a una clínica</translation>
    </message>
    <message>
        <source>Care at home</source>
        <translation>Atención en casa</translation>
    </message>
    <message>
        <source>Other PTSD care</source>
        <translation>Otra atención para el TEPT</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>Type your ZIP code, or choose your state.</source>
        <translation>Escriba su código postal o elija su estado.</translation>
    </message>
    <message>
        <source>Choose how far, and what you want help with. Choose nothing to see everything.</source>
        <translation>Elija la distancia y con qué quiere ayuda. Si no elige nada, verá todo.</translation>
    </message>
    <message>
        <source>Tap a clinic to see its phone and address. Mark up to 3 to take with you on your phone.</source>
        <translation>Toque una clínica para ver su teléfono y dirección. Marque hasta 3 para llevarlas en su teléfono.</translation>
    </message>
    <message>
        <source>Nothing you type here is saved. It is all cleared when you leave.</source>
        <translation>Nada de lo que escribe aquí se guarda. Todo se borra cuando se va.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Type a ZIP code</source>
        <translation>Escriba un código postal</translation>
    </message>
    <message>
        <source>Near this clinic</source>
        <translation>Cerca de esta clínica</translation>
    </message>
    <message>
        <source>Choose your state</source>
        <translation>Elija su estado</translation>
    </message>
    <message>
        <source>How far?</source>
        <translation>¿Qué tan lejos?</translation>
    </message>
    <message>
        <source>Help with</source>
        <translation>Ayuda con</translation>
    </message>
    <message>
        <source>Choose any. Choose none to see all clinics.</source>
        <translation>Elija los que quiera. Si no elige ninguno, verá todas las clínicas.</translation>
    </message>
    <message>
        <source>Speaks</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>How this works</source>
        <translation>Cómo funciona</translation>
    </message>
    <message>
        <source>Type of care</source>
        <translation>Tipo de atención</translation>
    </message>
    <message>
        <source>Back to search</source>
        <translation>Volver a buscar</translation>
    </message>
    <message>
        <source>On your list: tap to remove</source>
        <translation>En su lista: toque para quitar</translation>
    </message>
    <message>
        <source>Your list is full (3)</source>
        <translation>Su lista está llena (3)</translation>
    </message>
    <message>
        <source>Back to results</source>
        <translation>Volver a los resultados</translation>
    </message>
    <message>
        <source>Video visits</source>
        <translation>Consultas por video</translation>
    </message>
    <message>
        <source>For veterans</source>
        <translation>Para veteranos</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distancia</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <source>Helps with</source>
        <translation>Ayuda con</translation>
    </message>
    <message>
        <source>Ways to take ketamine</source>
        <translation>Formas de recibir la ketamina</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>Pays with</source>
        <translation>Formas de pago</translation>
    </message>
    <message>
        <source>Also</source>
        <translation>Además</translation>
    </message>
    <message>
        <source>Serves</source>
        <translation>Atiende en</translation>
    </message>
    <message>
        <source>Last verified: {date}</source>
        <translation>Última verificación: {date}</translation>
    </message>
    <message>
        <source>Last verified: not known</source>
        <translation>Última verificación: no se sabe</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera to save this clinic</source>
        <translation>Escanee con la cámara de su teléfono para guardar esta clínica</translation>
    </message>
    <message>
        <source>Loading the clinic list…</source>
        <translation>Cargando la lista de clínicas…</translation>
    </message>
    <message>
        <source>Clinics in {state}</source>
        <translation>Clínicas en {state}</translation>
    </message>
    <message>
        <source>Clinics within {miles} miles of this clinic</source>
        <translation>Clínicas a menos de {miles} millas de esta clínica</translation>
    </message>
    <message>
        <source>Clinics within {miles} miles of {zip} ({city}, {state})</source>
        <translation>Clínicas a menos de {miles} millas de {zip} ({city}, {state})</translation>
    </message>
    <message>
        <source>No other PTSD care listed in {state}.</source>
        <translation>No hay otra atención para el TEPT en la lista para {state}.</translation>
    </message>
    <message>
        <source>No other PTSD care listed within {miles} miles.</source>
        <translation>No hay otra atención para el TEPT en la lista a menos de {miles} millas.</translation>
    </message>
    <message>
        <source>No clinics to visit in {state}.</source>
        <translation>No hay clínicas para visitar en {state}.</translation>
    </message>
    <message>
        <source>No clinics within {miles} miles of this clinic.</source>
        <translation>No hay clínicas a menos de {miles} millas de esta clínica.</translation>
    </message>
    <message>
        <source>No clinics within {miles} miles of {zip}.</source>
        <translation>No hay clínicas a menos de {miles} millas de {zip}.</translation>
    </message>
    <message>
        <source>No at-home care found for {state}.</source>
        <translation>No encontramos atención en casa para {state}.</translation>
    </message>
    <message>
        <source>Search {miles} miles</source>
        <translation>Buscar a {miles} millas</translation>
    </message>
    <message>
        <source>New search</source>
        <translation>Nueva búsqueda</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <source>Map of the results</source>
        <translation>Mapa de los resultados</translation>
    </message>
    <message>
        <source>Not available: {error}</source>
        <translation>No disponible: {error}</translation>
    </message>
    <message>
        <source>Still loading the clinic directory</source>
        <translation>Cargando todavía el directorio de clínicas</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <source>Built-in demo directory (sample data): {source}</source>
        <translation>Directorio de demostración integrado (datos de ejemplo): {source}</translation>
    </message>
    <message>
        <source>Directory: {source}</source>
        <translation>Directorio: {source}</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Archivo: {path}</translation>
    </message>
    <message>
        <source>(in memory)</source>
        <translation>(en memoria)</translation>
    </message>
    <message>
        <source>{outpatient} outpatient clinics, {at_home} at-home providers, {therapy} other PTSD care listings</source>
        <translation>Clínicas ambulatorias: {outpatient}; proveedores a domicilio: {at_home}; otros servicios para el TEPT: {therapy}</translation>
    </message>
    <message>
        <source>Version {version}, imported {when}</source>
        <translation>Versión {version}, importada: {when}</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>no encontrada</translation>
    </message>
    <message>
        <source>This clinic: {name} ({id})</source>
        <translation>Esta clínica: {name} ({id})</translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation>Problema: {problem}</translation>
    </message>
    <message>
        <source>A ZIP code has 5 numbers. Please check and try again.</source>
        <translation>Un código postal tiene 5 números. Revíselo e intente de nuevo.</translation>
    </message>
    <message>
        <source>We could not find ZIP code {zip}. Please check the numbers, or choose your state.</source>
        <translation>No encontramos el código postal {zip}. Revise los números o elija su estado.</translation>
    </message>
    <message>
        <source>The clinic list is not available right now. Please ask the front desk for help finding a clinic.</source>
        <translation>La lista de clínicas no está disponible ahora. Pida ayuda en la recepción para encontrar una clínica.</translation>
    </message>
    <message>
        <source>Clinic finder screen</source>
        <translation>Pantalla del buscador de clínicas</translation>
    </message>
    <message>
        <source>Other kinds of care are listed below.</source>
        <translation>Otros tipos de atención aparecen más abajo.</translation>
    </message>
    <message>
        <source>Tap a number to see that clinic, or a group to zoom in.</source>
        <translation>Toque un número para ver esa clínica, o un grupo para acercarse.</translation>
    </message>
    <message>
        <source>Your list: {count} of {total}</source>
        <translation>Su lista: {count} de {total}</translation>
    </message>
    <message>
        <source>Sample data: not real clinics</source>
        <translation>Datos de ejemplo: no son clínicas reales</translation>
    </message>
    <message>
        <source>The clinic finder is not available right now.</source>
        <translation>El buscador de clínicas no está disponible ahora.</translation>
    </message>
    <message>
        <source>Please ask the front desk for help finding a clinic.</source>
        <translation>Pida ayuda en la recepción para encontrar una clínica.</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Lector de páginas</translation>
    </message>
    <message>
        <source>Tap anywhere to close.</source>
        <translation>Toque en cualquier lugar para cerrar.</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definición</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Page text</source>
        <translation>Texto de la página</translation>
    </message>
    <message>
        <source>Press any key to close.</source>
        <translation>Pulse cualquier tecla para cerrar.</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Regresar</translation>
    </message>
    <message>
        <source>A note before you read</source>
        <translation>Una nota antes de leer</translation>
    </message>
    <message>
        <source>{current} of {total}</source>
        <translation>{current} de {total}</translation>
    </message>
    <message>
        <source>Words on this page:</source>
        <translation>Palabras de esta página:</translation>
    </message>
    <message>
        <source>Reviewed by {name} on {date}</source>
        <translation>Revisado por {name} el {date}</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>Get help now screen</source>
        <translation>Pantalla de Ayuda ahora</translation>
    </message>
    <message>
        <source>Save these numbers on your phone</source>
        <translation>Guarde estos números en su teléfono</translation>
    </message>
    <message>
        <source>Point your phone&apos;s camera at the code. It saves 988 (call or text) and the Veterans Crisis Line&apos;s text number, 838255.</source>
        <translation>Apunte la cámara de su teléfono al código. Guarda el 988 (llamada o texto) y el número de texto de la Línea de Crisis para Veteranos, 838255.</translation>
    </message>
    <message>
        <source>988 Suicide &amp; Crisis Lifeline</source>
        <translation>Línea 988 de Prevención del Suicidio y Crisis</translation>
    </message>
    <message>
        <source>Veterans Crisis Line (text)</source>
        <translation>Línea de Crisis para Veteranos (texto)</translation>
    </message>
    <message>
        <source>Quick hide screen</source>
        <translation>Pantalla de ocultar rápido</translation>
    </message>
    <message>
        <source>Take a moment.</source>
        <translation>Tómese un momento.</translation>
    </message>
    <message>
        <source>Breathe in slowly, and out slowly.</source>
        <translation>Respire despacio, hacia adentro y hacia afuera.</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Volver</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <source>Waiting room</source>
        <translation>Sala de espera</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Tap to show the whole path</source>
        <translation>Toque para ver la ruta completa</translation>
    </message>
    <message numerus="yes">
        <source>... and %n more</source>
        <translation>
            <numerusform>... y %n más</numerusform>
            <numerusform>... y %n más</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage table</source>
        <translation>Tabla de uso</translation>
    </message>
    <message>
        <source>Staff screen</source>
        <translation>Pantalla del personal</translation>
    </message>
    <message>
        <source>Staff report</source>
        <translation>Informe para el personal</translation>
    </message>
    <message>
        <source>Reload content and data</source>
        <translation>Recargar contenido y datos</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Exit the kiosk? The screen shows the computer&apos;s desktop until the kiosk is started again.</source>
        <translation>¿Salir del quiosco? La pantalla mostrará el escritorio del equipo hasta que el quiosco se inicie de nuevo.</translation>
    </message>
    <message>
        <source>Stay in the kiosk</source>
        <translation>Seguir en el quiosco</translation>
    </message>
    <message>
        <source>Yes, exit the kiosk</source>
        <translation>Sí, salir del quiosco</translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} clinic listings were last verified more than {days} days ago (locator.stale_after_days); the directory is due an update</source>
        <translation>
            <numerusform>%n de {total} fichas de clínicas se verificó por última vez hace más de {days} días (locator.stale_after_days); el directorio necesita una actualización</numerusform>
            <numerusform>%n de {total} fichas de clínicas se verificaron por última vez hace más de {days} días (locator.stale_after_days); el directorio necesita una actualización</numerusform>
        </translation>
    </message>
    <message>
        <source>Care at home in {states}</source>
        <translation>Atención en casa en {states}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>Quitar {name}</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Take it with you</source>
        <translation>Lléveselo con usted</translation>
    </message>
    <message numerus="yes">
        <source>%n of 3 clinics on your list</source>
        <translation>
            <numerusform>%n de 3 clínicas en su lista</numerusform>
            <numerusform>%n de 3 clínicas en su lista</numerusform>
        </translation>
    </message>
    <message>
        <source>Your list is empty. Tap “+ Take with you” on a clinic to add it.</source>
        <translation>Su lista está vacía. Toque «+ Llevar con usted» en una clínica para añadirla.</translation>
    </message>
    <message>
        <source>Listings can be out of date. Call to confirm before you go.</source>
        <translation>Los datos pueden no estar al día. Llame para confirmar antes de ir.</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera</source>
        <translation>Escanee con la cámara de su teléfono</translation>
    </message>
    <message>
        <source>Your phone shows this list as text, with 988 for crisis help. Nothing is saved here.</source>
        <translation>Su teléfono muestra esta lista como texto, con el 988 para ayuda en crisis. Aquí no se guarda nada.</translation>
    </message>
    <message>
        <source>Entered digits</source>
        <translation>Dígitos escritos</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Quick hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translation>Lo sentimos, algo salió mal.</translation>
    </message>
    <message>
        <source>The screen is working again. Tap Home to continue.</source>
        <translation>La pantalla funciona de nuevo. Toque Inicio para continuar.</translation>
    </message>
    <message>
        <source>Error screen</source>
        <translation>Pantalla de error</translation>
    </message>
    <message>
        <source>Hawaii</source>
        <translation>Hawái</translation>
    </message>
    <message>
        <source>Show all results</source>
        <translation>Ver todos los resultados</translation>
    </message>
    <message>
        <source>Map of the United States</source>
        <translation>Mapa de los Estados Unidos</translation>
    </message>
    <message numerus="yes">
        <source>Map: %n clinics within {miles} miles of {zip}</source>
        <translation>
            <numerusform>Mapa: %n clínica a menos de {miles} millas de {zip}</numerusform>
            <numerusform>Mapa: %n clínicas a menos de {miles} millas de {zip}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Map: %n clinics</source>
        <translation>
            <numerusform>Mapa: %n clínica</numerusform>
            <numerusform>Mapa: %n clínicas</numerusform>
        </translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>You are here</source>
        <translation>Usted está aquí</translation>
    </message>
    <message>
        <source>Clinic (number as in the list)</source>
        <translation>Clínica (número como en la lista)</translation>
    </message>
    <message>
        <source>Several clinics: tap to zoom in</source>
        <translation>Varias clínicas: toque para acercar</translation>
    </message>
    <message>
        <source>Care at home is not on the map</source>
        <translation>La atención en casa no aparece en el mapa</translation>
    </message>
    <message>
        <source>{miles} miles</source>
        <translation>{miles} millas</translation>
    </message>
    <message>
        <source>1 mile</source>
        <translation>1 milla</translation>
    </message>
    <message>
        <source>(lower 48)</source>
        <translation>(48 estados contiguos)</translation>
    </message>
    <message>
        <source>Clinics to call</source>
        <translation>Clínicas para llamar</translation>
    </message>
    <message>
        <source>In crisis or thinking of suicide: call or text 988 (free, 24/7).</source>
        <translation>En crisis o con pensamientos de suicidio: llame o envíe un texto al 988 (gratis, las 24 horas; para español, marque 2).</translation>
    </message>
    <message>
        <source>Pages read</source>
        <translation>Páginas leídas</translation>
    </message>
    <message>
        <source>Clinic searches</source>
        <translation>Búsquedas de clínicas</translation>
    </message>
    <message>
        <source>Clinic details</source>
        <translation>Detalles de clínicas</translation>
    </message>
    <message>
        <source>Language changes</source>
        <translation>Cambios de idioma</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Lectura en voz alta</translation>
    </message>
    <message>
        <source>Idle resets</source>
        <translation>Reinicios por inactividad</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errores</translation>
    </message>
    <message>
        <source>Clinic directory</source>
        <translation>Directorio de clínicas</translation>
    </message>
    <message>
        <source>never reviewed</source>
        <translation>nunca revisada</translation>
    </message>
    <message>
        <source>reviewed by {name} on {date}</source>
        <translation>revisada por {name} el {date}</translation>
    </message>
    <message>
        <source>changed since review (reviewed by {name} on {date})</source>
        <translation>cambiada desde la revisión (revisada por {name} el {date})</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message numerus="yes">
        <source>%n problems in the settings file</source>
        <translation>
            <numerusform>%n problema en el archivo de configuración</numerusform>
            <numerusform>%n problemas en el archivo de configuración</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Sin problemas</translation>
    </message>
    <message numerus="yes">
        <source>{lang}: %n pages</source>
        <translation>
            <numerusform>{lang}: %n página</numerusform>
            <numerusform>{lang}: %n páginas</numerusform>
        </translation>
    </message>
    <message>
        <source>Version {version}, loaded {when}</source>
        <translation>Versión {version}, cargada el {when}</translation>
    </message>
    <message>
        <source>The configured pack had no valid page; showing the built-in pack.</source>
        <translation>El paquete configurado no tenía ninguna página válida; se muestra el paquete integrado.</translation>
    </message>
    <message numerus="yes">
        <source>%n problems in the content pack</source>
        <translation>
            <numerusform>%n problema en el paquete de contenido</numerusform>
            <numerusform>%n problemas en el paquete de contenido</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in pack</source>
        <translation>Paquete integrado</translation>
    </message>
    <message>
        <source>Content pack in use</source>
        <translation>Paquete de contenido en uso</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>Clinical review</source>
        <translation>Revisión clínica</translation>
    </message>
    <message numerus="yes">
        <source>%n pages await a clinician&apos;s review</source>
        <translation>
            <numerusform>%n página espera la revisión de un profesional clínico</numerusform>
            <numerusform>%n páginas esperan la revisión de un profesional clínico</numerusform>
        </translation>
    </message>
    <message>
        <source>Every page&apos;s review is recorded</source>
        <translation>La revisión de cada página está registrada</translation>
    </message>
    <message>
        <source>Hidden from patients ([content] show = &quot;{show}&quot;)</source>
        <translation>Ocultas a los pacientes ([content] show = &quot;{show}&quot;)</translation>
    </message>
    <message numerus="yes">
        <source>%n pages are hidden until a clinician signs them off</source>
        <translation>
            <numerusform>%n página está oculta hasta que un profesional clínico la apruebe</numerusform>
            <numerusform>%n páginas están ocultas hasta que un profesional clínico las apruebe</numerusform>
        </translation>
    </message>
    <message>
        <source>None: every page&apos;s review holds.</source>
        <translation>Ninguna: la revisión de cada página sigue vigente.</translation>
    </message>
    <message numerus="yes">
        <source>fewer than %n</source>
        <translation>
            <numerusform>menos de %n</numerusform>
            <numerusform>menos de %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Counts above 0 and below %n are shown as &quot;fewer than %n&quot;, so that no one person&apos;s visit can be picked out.</source>
        <translation>
            <numerusform>Los recuentos mayores que 0 y menores que %n se muestran como &quot;menos de %n&quot;, para que no se pueda identificar la visita de una persona.</numerusform>
            <numerusform>Los recuentos mayores que 0 y menores que %n se muestran como &quot;menos de %n&quot;, para que no se pueda identificar la visita de una persona.</numerusform>
        </translation>
    </message>
    <message>
        <source>Live updates</source>
        <translation>Actualizaciones en vivo</translation>
    </message>
    <message>
        <source>Read-aloud</source>
        <translation>Lectura en voz alta</translation>
    </message>
    <message>
        <source>Voice: {engine}</source>
        <translation>Voz: {engine}</translation>
    </message>
    <message>
        <source>No voice installed: the Listen button is hidden (see docs/read-aloud.md).</source>
        <translation>No hay ninguna voz instalada: el botón Escuchar está oculto (vea docs/read-aloud.md).</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Archivo de registro</translation>
    </message>
    <message>
        <source>Written to this file:</source>
        <translation>Se escribe en este archivo:</translation>
    </message>
    <message>
        <source>stderr only</source>
        <translation>solo stderr</translation>
    </message>
    <message numerus="yes">
        <source>It starts afresh after %n hours of running, the next time a session ends with nobody at the kiosk ([kiosk] fresh_start_hours).</source>
        <translation>
            <numerusform>Se reinicia tras %n hora de funcionamiento, la próxima vez que una sesión termine sin nadie en el quiosco ([kiosk] fresh_start_hours).</numerusform>
            <numerusform>Se reinicia tras %n horas de funcionamiento, la próxima vez que una sesión termine sin nadie en el quiosco ([kiosk] fresh_start_hours).</numerusform>
        </translation>
    </message>
    <message>
        <source>It never starts afresh by itself ([kiosk] fresh_start_hours = 0).</source>
        <translation>Nunca se reinicia por sí solo ([kiosk] fresh_start_hours = 0).</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Mantenimiento</translation>
    </message>
    <message>
        <source>This kiosk runs under systemd and restarts a few seconds after Exit kiosk. For maintenance, stop it with: systemctl stop kiosk</source>
        <translation>Este quiosco funciona con systemd y se reinicia unos segundos después de Salir del quiosco. Para el mantenimiento, deténgalo con: systemctl stop kiosk</translation>
    </message>
    <message numerus="yes">
        <source>Usage, last %n days</source>
        <translation>
            <numerusform>Uso, último %n día</numerusform>
            <numerusform>Uso, últimos %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <source>Reload refused at {time}: {reason}. The current content keeps serving.</source>
        <translation>Recarga rechazada a las {time}: {reason}. El contenido actual sigue en uso.</translation>
    </message>
    <message>
        <source>Reloaded at {time}.</source>
        <translation>Recargado a las {time}.</translation>
    </message>
    <message>
        <source>Content rendered at {time} (version {version}).</source>
        <translation>Contenido preparado a las {time} (versión {version}).</translation>
    </message>
    <message>
        <source>Reload failed at {time}: {error}. The current content keeps serving.</source>
        <translation>La recarga falló a las {time}: {error}. El contenido actual sigue en uso.</translation>
    </message>
    <message>
        <source>Rendering the content failed at {time}: {error}. The current content keeps serving.</source>
        <translation>La preparación del contenido falló a las {time}: {error}. El contenido actual sigue en uso.</translation>
    </message>
    <message>
        <source>Reloading...</source>
        <translation>Recargando...</translation>
    </message>
    <message>
        <source>{what}: live since {when}</source>
        <translation>{what}: en uso desde el {when}</translation>
    </message>
    <message>
        <source>the content folder {folder} is missing</source>
        <translation>falta la carpeta de contenido {folder}</translation>
    </message>
    <message>
        <source>no usable page</source>
        <translation>ninguna página utilizable</translation>
    </message>
    <message>
        <source>{errors} (and {more} more)</source>
        <translation>{errors} (y {more} más)</translation>
    </message>
    <message>
        <source>files changed while they were checked (a copy still under way?); they are checked again once they settle</source>
        <translation>los archivos cambiaron mientras se comprobaban (¿una copia aún en curso?); se comprueban de nuevo cuando dejen de cambiar</translation>
    </message>
    <message>
        <source>Error while {what} at {time}: {error}. The current content keeps serving.</source>
        <translation>Error al {what} a las {time}: {error}. El contenido actual sigue en uso.</translation>
    </message>
    <message>
        <source>Clinic data</source>
        <translation>Datos de clínicas</translation>
    </message>
    <message>
        <source>watching for changes</source>
        <translation>vigilar los cambios</translation>
    </message>
    <message>
        <source>checking new content</source>
        <translation>comprobar el contenido nuevo</translation>
    </message>
    <message>
        <source>checking new clinic data</source>
        <translation>comprobar los datos de clínicas nuevos</translation>
    </message>
    <message>
        <source>taking in new content</source>
        <translation>incorporar el contenido nuevo</translation>
    </message>
    <message>
        <source>Update refused at {time}: {reason}. The old content keeps serving.</source>
        <translation>Actualización rechazada a las {time}: {reason}. El contenido anterior sigue en uso.</translation>
    </message>
    <message>
        <source>Update checked at {time}; it goes live at the next reset.</source>
        <translation>Actualización comprobada a las {time}; entra en uso en el próximo reinicio.</translation>
    </message>
    <message>
        <source>Update refused at {time}: {reason}. The old clinic data keeps serving.</source>
        <translation>Actualización rechazada a las {time}: {reason}. Los datos de clínicas anteriores siguen en uso.</translation>
    </message>
    <message numerus="yes">
        <source>%n errors in live updates, never shown to patients (see the log). Last: {error}</source>
        <translation>
            <numerusform>%n error en las actualizaciones en vivo, nunca mostrado a los pacientes (vea el registro). Último: {error}</numerusform>
            <numerusform>%n errores en las actualizaciones en vivo, nunca mostrados a los pacientes (vea el registro). Último: {error}</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in content and sample clinics: nothing to watch.</source>
        <translation>Contenido integrado y clínicas de ejemplo: nada que vigilar.</translation>
    </message>
</context>
</TS>
